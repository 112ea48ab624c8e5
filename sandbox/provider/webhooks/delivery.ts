import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ObjectStore } from '../core/store';
import type { EventSink } from '../events/eventLog';
import { isLoopbackUrl } from '../../loopback';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { stripeSignatureHeader } from './signature';

export type { WebhookRetry } from '../../webhookRetry';

/** The error of an attempt at an endpoint off this machine: recorded, never sent, never retried. */
export const NOT_LOOPBACK_ERROR = 'not delivered: the sandbox delivers to loopback addresses only';

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
    if (!isLoopbackUrl(endpoint.url)) {
      // Registered as given (a preflight must see it), but the offline sandbox sends nothing off this machine.
      this.record(event, endpoint, attempt, { started, status: null, error: NOT_LOOPBACK_ERROR, nextRetryAt: null });
      return;
    }
    const body = JSON.stringify(inEndpointVersion(event, endpoint), null, 2);
    let status: number | null = null;
    let error: string | null = null;
    try {
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
    this.record(event, endpoint, attempt, {
      started,
      status,
      error: error ?? (succeeded ? null : `HTTP ${status}`),
      nextRetryAt: willRetry ? Math.ceil((Date.now() + delayMs) / 1000) : null,
    });
    if (succeeded) event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    else if (willRetry) this.schedule(eventId, endpointId, attempt + 1, delayMs);
  }

  private record(
    event: Stripe.Event,
    endpoint: Stripe.WebhookEndpoint,
    attempt: number,
    outcome: { started: number; status: number | null; error: string | null; nextRetryAt: number | null },
  ): void {
    const { started, status } = outcome;
    this.recorded.push({
      id: newId('wa'),
      event: event.id,
      event_type: event.type,
      endpoint: endpoint.id,
      url: endpoint.url,
      attempt,
      response_status: status,
      error: outcome.error,
      duration_ms: Date.now() - started,
      attempted_at: Math.floor(started / 1000),
      next_retry_at: outcome.nextRetryAt,
      succeeded: status !== null && status >= 200 && status < 300,
    });
  }
}

/**
 * The event as this endpoint receives it: in the `api_version` the endpoint was created with, else in the
 * account's default (the version the event was written in), as at Stripe.
 */
function inEndpointVersion(event: Stripe.Event, endpoint: Stripe.WebhookEndpoint): Stripe.Event {
  return endpoint.api_version ? { ...event, api_version: endpoint.api_version } : event;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `Timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}: ${cause.message ?? ''}`.trim();
  return err instanceof Error ? err.message : String(err);
}
