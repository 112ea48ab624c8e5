/**
 * The sandbox provider's webhook delivery log. Written by the sandbox provider (sandbox/provider/webhooks/delivery.ts),
 * one entry per attempt at posting an event to an endpoint; read by the harness (src/run/provider/webhookAttempts.ts)
 * over the sandbox-only route `GET /_sandbox/webhook_attempts?event=&endpoint=`, answered as
 * `{ object: 'list', data }`. Real Stripe has no such route (404).
 */

/** One attempt at delivering an event to a webhook endpoint. */
export interface WebhookAttempt {
  id: string;
  /** The event's id (`evt_…`). */
  event: string;
  event_type: string;
  /** The webhook endpoint's id (`we_…`). */
  endpoint: string;
  url: string;
  /** 1 for the first attempt; a retry or an injected duplicate counts on. */
  attempt: number;
  /** null when the attempt got no HTTP answer (see `error`). */
  response_status: number | null;
  /** Why the attempt failed (`HTTP 503`, a timeout, a refused connection, an injected failure); null on success. */
  error: string | null;
  duration_ms: number;
  /** Unix seconds. */
  attempted_at: number;
  /** Unix seconds of the next attempt, or null when none is scheduled. */
  next_retry_at: number | null;
  /** The endpoint answered 2xx. */
  succeeded: boolean;
}
