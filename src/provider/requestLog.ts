import { redactText } from '../evidence/redact';

/** One API request in the sandbox provider's request log (`GET /_sandbox/requests`). */
export interface ProviderRequest {
  id: string;
  method: string;
  path: string;
  idempotency_key: string | null;
  idempotent_replayed: boolean;
  status: number;
  /** Unix seconds. */
  created: number;
}

/**
 * The sandbox provider's request log, newest first (for the idempotency keys a merchant sent); undefined
 * against real Stripe, which has no such route (404).
 */
export async function readRequestLog(
  options: { apiBase: string; secretKey: string },
  filter: { path?: string; idempotencyKey?: string; limit?: number } = {},
): Promise<ProviderRequest[] | undefined> {
  const url = new URL(`${options.apiBase.replace(/\/+$/, '')}/_sandbox/requests`);
  if (filter.path) url.searchParams.set('path', filter.path);
  if (filter.idempotencyKey) url.searchParams.set('idempotency_key', filter.idempotencyKey);
  if (filter.limit !== undefined) url.searchParams.set('limit', String(filter.limit));
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.secretKey}`, accept: 'application/json' },
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok) {
    throw new Error(redactText(`GET ${url.pathname} at the provider failed with ${response.status}: ${text.slice(0, 200)}`));
  }
  const body = JSON.parse(text) as { data?: ProviderRequest[] };
  return body.data ?? [];
}
