import { redactText } from '../evidence/redact';

/** One delivery attempt in the sandbox provider's webhook log (`GET /_sandbox/webhook_attempts`). */
export interface WebhookAttempt {
  id: string;
  event: string;
  event_type: string;
  endpoint: string;
  url: string;
  attempt: number;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
  /** Unix seconds. */
  attempted_at: number;
  next_retry_at: number | null;
  succeeded: boolean;
}

/**
 * The sandbox provider's delivery log for an event and/or endpoint; undefined against real Stripe,
 * which has no such route (404).
 */
export async function readWebhookAttempts(
  options: { apiBase: string; secretKey: string },
  filter: { event?: string; endpoint?: string },
): Promise<WebhookAttempt[] | undefined> {
  const url = new URL(`${options.apiBase.replace(/\/+$/, '')}/_sandbox/webhook_attempts`);
  if (filter.event) url.searchParams.set('event', filter.event);
  if (filter.endpoint) url.searchParams.set('endpoint', filter.endpoint);
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.secretKey}`, accept: 'application/json' },
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok) {
    throw new Error(redactText(`GET ${url.pathname} at the provider failed with ${response.status}: ${text.slice(0, 200)}`));
  }
  const body = JSON.parse(text) as { data?: WebhookAttempt[] };
  return body.data ?? [];
}
