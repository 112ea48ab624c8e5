import { redactText } from '../../base/redact';

/**
 * GETs one of the sandbox provider's inspection routes (`/_sandbox/…`, a list) with the secret key; undefined
 * against real Stripe, which has no such route (404).
 */
export async function readSandboxList<T>(
  options: { apiBase: string; secretKey: string },
  route: string,
  query: Record<string, string | number | undefined>,
): Promise<T[] | undefined> {
  const url = new URL(`${options.apiBase.replace(/\/+$/, '')}/_sandbox/${route}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.secretKey}`, accept: 'application/json' },
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok) {
    throw new Error(redactText(`GET ${url.pathname} at the provider failed with ${response.status}: ${text.slice(0, 200)}`));
  }
  const body = JSON.parse(text) as { data?: T[] };
  return body.data ?? [];
}
