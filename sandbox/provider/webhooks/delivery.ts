import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ObjectStore } from '../core/store';
import type { EventSink } from '../events/eventLog';
import { isLoopbackUrl } from '../../loopback';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { stripeSignatureHeader } from './signature';

export type { WebhookRetry } from '../../webhookRetry';

/** One delivery attempt, as `GET /_sandbox/webhook_attempts` returns it. */
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
  attempted_at: number;
  next_retry_at: number | null;
  succeeded: boolean;
}

/**
 * Posts events to webhook endpoints, signed like Stripe, never blocking the API response. A non-2xx
 * answer, a network error or a timeout is retried with exponential backoff until `maxAttempts`.
 * `pending_webhooks` on the stored event counts down as endpoints answer 2xx. `close()` cancels
 * every retry timer and aborts requests in flight.
 */
export class WebhookDelivery implements EventSink {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();
  private readonly recorded: WebhookAttempt[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly retry: WebhookRetry,
    private readonly timeoutMs: number,
  ) {}

  send(event: Stripe.Event, endpoints: Stripe.WebhookEndpoint[]): void {
    for (const endpoint of endpoints) this.schedule(event.id, endpoint.id, 1, 0);
  }

  attempts(filter: { event?: string; endpoint?: string }): WebhookAttempt[] {
    return this.recorded.filter((a) => (!filter.event || a.event === filter.event) && (!filter.endpoint || a.endpoint === filter.endpoint));
  }

  close(): void {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(eventId: string, endpointId: string, attempt: number, delayMs: number): void {
    if (this.closing.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(eventId, endpointId, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(eventId: string, endpointId: string, attempt: number): Promise<void> {
    const event = this.store.get('event', eventId);
    const endpoint = this.store.get('webhook_endpoint', endpointId);
    const secret = this.store.webhookSecrets.get(endpointId);
    // Stripe stops delivering to an endpoint once it is disabled or deleted.
    if (!event || !endpoint || !secret || endpoint.status !== 'enabled') return;

    const started = Date.now();
    const body = JSON.stringify(event, null, 2);
    let status: number | null = null;
    let error: string | null = null;
    try {
      if (!isLoopbackUrl(endpoint.url)) throw new Error('The sandbox provider only delivers to loopback addresses.');
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': stripeSignatureHeader(body, secret, unixNow()),
        },
        body,
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      status = response.status;
      // Only the status counts; the body is not read (an endless one must not hold the attempt open).
      await response.body?.cancel().catch(() => undefined);
    } catch (err) {
      if (this.closing.signal.aborted) return;
      error = describeFailure(err, this.timeoutMs);
    }
    const succeeded = status !== null && status >= 200 && status < 300;
    const willRetry = !succeeded && attempt < this.retry.maxAttempts;
    const delayMs = delayAfterFailedAttempt(this.retry, attempt);
    this.recorded.push({
      id: newId('wa'),
      event: eventId,
      event_type: event.type,
      endpoint: endpointId,
      url: endpoint.url,
      attempt,
      response_status: status,
      error: error ?? (succeeded ? null : `HTTP ${status}`),
      duration_ms: Date.now() - started,
      attempted_at: Math.floor(started / 1000),
      next_retry_at: willRetry ? Math.ceil((Date.now() + delayMs) / 1000) : null,
      succeeded,
    });
    if (succeeded) event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    else if (willRetry) this.schedule(eventId, endpointId, attempt + 1, delayMs);
  }
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `Timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}: ${cause.message ?? ''}`.trim();
  return err instanceof Error ? err.message : String(err);
}
