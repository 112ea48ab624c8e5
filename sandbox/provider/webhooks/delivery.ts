import type Stripe from 'stripe';
import type { WebhookAttempt } from '../../../contracts/webhookAttempts';
import { newId, unixNow } from '../core/ids';
import type { ObjectStore } from '../core/store';
import type { EventSink } from '../events/eventLog';
import { isLoopbackUrl } from '../../loopback';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { stripeSignatureHeader } from './signature';
import { eventRendering } from '../versions/eventRenderings';
import { FaultInjector } from '../faultInjection/faultInjector';
import { WebhookReach } from '../../webhookReach';

export type { WebhookRetry } from '../../webhookRetry';

/** The error of an attempt at an endpoint off this machine: recorded, never sent, never retried. */
export const NOT_LOOPBACK_ERROR = 'not delivered: the sandbox delivers to loopback addresses only';

/** The error of an attempt failed on purpose by the injection plan's `webhooks.failFirst` (nothing is sent). */
export const INJECTED_FAILURE_ERROR = 'injected failure (sandbox fault injection: webhooks.failFirst)';

/**
 * Posts events to webhook endpoints, signed like Stripe, never blocking the API response. A non-2xx
 * answer, a network error or a timeout is retried with exponential backoff until `maxAttempts`.
 * `pending_webhooks` on the stored event counts down as endpoints answer 2xx. `close()` cancels
 * every retry timer and aborts requests in flight. The injection plan's webhook faults (duplicate, reorder, delay,
 * failFirst) are applied here, per endpoint. Playing cloud (`reach`), an endpoint the internet could not reach gets no
 * request: its attempts fail as unreachable and are retried like network failures, so `pending_webhooks` stays up.
 */
export class WebhookDelivery implements EventSink {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();
  private readonly recorded: WebhookAttempt[] = [];
  /** Reorder fault: events of one request held per endpoint until the request's handler has emitted them all. */
  private readonly held = new Map<string, string[]>();

  constructor(
    private readonly store: ObjectStore,
    private readonly retry: WebhookRetry,
    private readonly timeoutMs: number,
    private readonly injection: FaultInjector = new FaultInjector(),
    private readonly reach: WebhookReach = WebhookReach.everywhere(),
  ) {}

  send(event: Stripe.Event, endpoints: Stripe.WebhookEndpoint[]): void {
    for (const endpoint of endpoints) {
      const faults = this.injection.webhookFaultsFor(endpoint.id);
      if (faults?.delayMs) this.injection.record({ kind: 'delay', target: endpoint.id, eventId: event.id });
      if (faults?.reorder) this.hold(event, endpoint.id, faults.delayMs ?? 0);
      else this.later(faults?.delayMs ?? 0, () => this.attempt(event.id, endpoint.id, 1));
    }
  }

  attempts(filter: { event?: string; endpoint?: string }): WebhookAttempt[] {
    return this.recorded.filter((a) => (!filter.event || a.event === filter.event) && (!filter.endpoint || a.endpoint === filter.endpoint));
  }

  close(): void {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(delayMs: number, run: () => Promise<void>): void {
    if (this.closing.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, delayMs);
    this.timers.add(timer);
  }

  /**
   * Handlers emit all of a request's events synchronously, so a timer started by the first one fires after the last:
   * then the batch is delivered newest first, each first attempt awaited so the endpoint sees that order.
   */
  private hold(event: Stripe.Event, endpointId: string, delayMs: number): void {
    const key = `${endpointId}\u0000${event.request?.id ?? 'no request (hosted page)'}`;
    const batch = this.held.get(key);
    if (batch) {
      batch.push(event.id);
      return;
    }
    const eventIds = [event.id];
    this.held.set(key, eventIds);
    this.later(delayMs, async () => {
      this.held.delete(key);
      const newestFirst = [...eventIds].reverse();
      if (newestFirst.length > 1) this.injection.record({ kind: 'reorder', target: endpointId, eventId: newestFirst[0] });
      for (const eventId of newestFirst) await this.attempt(eventId, endpointId, 1);
    });
  }

  private async attempt(eventId: string, endpointId: string, attempt: number, duplicate = false): Promise<void> {
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
    const faults = this.injection.webhookFaultsFor(endpointId);
    const unreachable = this.reach.unreachableReason(endpoint.url);
    let status: number | null = null;
    let error: string | null = null;
    if (unreachable !== null) {
      // Playing cloud: nothing is sent to a host the internet cannot reach; the attempt fails as a network error would.
      error = unreachable;
    } else if (!duplicate && faults?.failFirst && attempt <= faults.failFirst) {
      // Recorded as the endpoint failing; nothing is sent, and the normal retry schedule goes on.
      this.injection.record({ kind: 'fail', target: endpointId, eventId });
      error = INJECTED_FAILURE_ERROR;
    } else {
      ({ status, error } = await this.post(event, endpoint, secret));
      if (this.closing.signal.aborted) return;
    }
    const succeeded = status !== null && status >= 200 && status < 300;
    const willRetry = !succeeded && !duplicate && attempt < this.retry.maxAttempts;
    const delayMs = delayAfterFailedAttempt(this.retry, attempt);
    this.record(event, endpoint, attempt, {
      started,
      status,
      error: error ?? (succeeded ? null : `HTTP ${status}`),
      nextRetryAt: willRetry ? Math.ceil((Date.now() + delayMs) / 1000) : null,
    });
    if (duplicate) return;
    if (succeeded) {
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      if (faults?.duplicate) {
        this.injection.record({ kind: 'duplicate', target: endpointId, eventId });
        await this.attempt(eventId, endpointId, attempt + 1, true);
      }
    } else if (willRetry) {
      this.later(delayMs, () => this.attempt(eventId, endpointId, attempt + 1));
    }
  }

  /** One signed POST of the event; the status, or why there is none. */
  private async post(
    event: Stripe.Event,
    endpoint: Stripe.WebhookEndpoint,
    secret: string,
  ): Promise<{ status: number | null; error: string | null }> {
    const body = JSON.stringify(inEndpointVersion(event, endpoint), null, 2);
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
      // Only the status counts; the body is not read (an endless one must not hold the attempt open).
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (err) {
      return { status: null, error: describeFailure(err, this.timeoutMs) };
    }
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
 * The event as this endpoint receives it: rendered in the `api_version` the endpoint was created with, else in the
 * account's default (the version the event was written in), as at Stripe ("Webhook endpoints either have a specific
 * API version set or use the default API version of the Stripe account", docs.stripe.com/webhooks/versioning). The
 * data was rendered for the endpoint's version when the event was written (events/eventLog.ts), so it shows the
 * objects as they were then; `pending_webhooks` is the stored event's, now.
 */
function inEndpointVersion(event: Stripe.Event, endpoint: Stripe.WebhookEndpoint): Stripe.Event {
  const version = endpoint.api_version ?? event.api_version;
  if (!version || version === event.api_version) return event;
  return { ...event, api_version: version, data: eventRendering(event, version) ?? event.data } as Stripe.Event;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `Timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}: ${cause.message ?? ''}`.trim();
  return err instanceof Error ? err.message : String(err);
}
