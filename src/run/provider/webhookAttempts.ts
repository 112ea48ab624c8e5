import { readSandboxList } from './sandboxRoute';

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
  return readSandboxList<WebhookAttempt>(options, 'webhook_attempts', { event: filter.event, endpoint: filter.endpoint });
}
