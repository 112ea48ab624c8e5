import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import type { WebhookAttempt } from '../../../contracts/webhookAttempts';
import { momentAtUnixSeconds, momentNow } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import { findProviderEvent, type EventObjectFilter } from '../provider/findProviderEvent';
import { readWebhookAttempts } from '../provider/webhookAttempts';
import { describeAttempts } from '../webhooks/describeAttempts';
import type { ExpectationContext } from './expectationContext';
import { wakeOnProviderEvents } from './wakeOnEvents';

export interface ProviderAccess {
  apiBase: string;
  secretKey: string;
}

/**
 * The provider created the `type` event for the object and every webhook endpoint answered it with a 2xx
 * (`pending_webhooks` is 0). Attaches the event and, where the provider exposes them, the delivery attempts
 * (at least one of which must have succeeded).
 */
export async function expectEventDelivered(
  provider: Stripe,
  expected: { type: string; objectId: string; providerAccess: ProviderAccess; showing?: EventObjectFilter },
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.Event> {
  const { type, objectId } = expected;
  const { value: created } = await findProviderEvent(
    provider,
    type,
    objectId,
    timeoutMs,
    wakeOnProviderEvents({ arrivals }, type),
    expected.showing,
  );

  let delivered: Stripe.Event;
  let attempts: WebhookAttempt[] | undefined;
  let pending: number | null = null;
  try {
    ({ value: delivered } = await pollUntil({
      what: `${type} (${created.id}) delivered to every webhook endpoint (pending_webhooks 0)`,
      where: `the provider's API (GET /v1/events/${created.id})`,
      timeoutMs,
      wakeOn: wakeOnProviderEvents({ arrivals }, type),
      check: async (note) => {
        const event = await provider.events.retrieve(created.id);
        pending = event.pending_webhooks;
        note(`pending_webhooks ${event.pending_webhooks}`);
        return event.pending_webhooks === 0 ? event : undefined;
      },
    }));
    await evidence.attachJson(`${type} event`, delivered);
  } catch (error) {
    // The attempts say which endpoint did not answer, and how (where the provider shows them).
    attempts = await readWebhookAttempts(expected.providerAccess, { event: created.id }).catch(() => undefined);
    if (attempts) await evidence.attachJson(`${type} delivery attempts`, attempts);
    recordDeliveries(evidence, created, objectId, attempts, pending === 0, true);
    const undelivered = attempts ? describeUndelivered(attempts) : '';
    if (!undelivered) throw error;
    throw new Error(`${error instanceof Error ? error.message : String(error)} Not delivered: ${undelivered}.`, { cause: error });
  }
  attempts = await readWebhookAttempts(expected.providerAccess, { event: created.id }).catch(() => undefined);
  if (attempts) await evidence.attachJson(`${type} delivery attempts`, attempts);
  recordDeliveries(evidence, created, objectId, attempts, true);
  // pending_webhooks is 0 from the start when no endpoint listens for the type, so "delivered to every endpoint"
  // would also hold for none. Where the provider shows its attempts, at least one must have succeeded.
  if (attempts) {
    const succeeded = attempts.filter((attempt) => attempt.succeeded).length;
    expect(succeeded, `${type} (${created.id}) reached at least one webhook endpoint`).toBeGreaterThan(0);
  }
  markDelivery(evidence, delivered, objectId, attempts);
  return delivered;
}

/**
 * Each endpoint's attempts, as the provider's log shows them; without a log (real Stripe), one record for every
 * endpoint at once, from pending_webhooks.
 */
function recordDeliveries(
  evidence: ExpectationContext['evidence'],
  event: Stripe.Event,
  objectId: string,
  attempts: WebhookAttempt[] | undefined,
  pendingZero: boolean,
  stoppedWaiting = false,
): void {
  if (!evidence.delivery) return;
  const observedAt = Date.now();
  const common = { sender: 'provider' as const, eventType: event.type, eventId: event.id, objectId, observedAt };
  if (!attempts) {
    evidence.delivery({ ...common, source: 'provider-pending-webhooks', attempts: [], outcome: pendingZero ? 'delivered' : 'failed' });
    return;
  }
  for (const [endpoint, ofEndpoint] of groupByEndpoint(attempts)) {
    const last = ofEndpoint.at(-1)!;
    const delivered = ofEndpoint.some((attempt) => attempt.succeeded);
    evidence.delivery({
      ...common,
      source: 'provider-delivery-attempts',
      endpoint: { id: endpoint, url: last.url },
      attempts: ofEndpoint.map((attempt) => ({
        at: attempt.attempted_at * 1000,
        status: attempt.response_status,
        ...(attempt.error ? { error: attempt.error } : {}),
        succeeded: attempt.succeeded,
      })),
      // Still retrying when the harness stopped waiting is undelivered, for the run: failed (DeliveryRecord).
      outcome: delivered ? 'delivered' : last.next_retry_at === null || stoppedWaiting ? 'failed' : 'retrying',
    });
  }
}

/** "https://shop/webhooks/stripe: 3 attempts: HTTP 500 at …" for each endpoint with no successful attempt. */
function describeUndelivered(attempts: WebhookAttempt[]): string {
  return [...groupByEndpoint(attempts)]
    .filter(([, ofEndpoint]) => !ofEndpoint.some((attempt) => attempt.succeeded))
    .map(([, ofEndpoint]) => {
      const described = describeAttempts(
        ofEndpoint.map((a) => ({ at: a.attempted_at * 1000, status: a.response_status, error: a.error ?? undefined, succeeded: false })),
      );
      const gaveUp = ofEndpoint.at(-1)!.next_retry_at === null ? ', no more retries' : '';
      return `${ofEndpoint[0]!.url}: ${described}${gaveUp}`;
    })
    .join('; ');
}

/** Attempts per endpoint id, each endpoint's in attempt order. */
function groupByEndpoint(attempts: WebhookAttempt[]): Map<string, WebhookAttempt[]> {
  const byEndpoint = new Map<string, WebhookAttempt[]>();
  for (const attempt of [...attempts].sort((a, b) => a.attempt - b.attempt || a.attempted_at - b.attempted_at)) {
    byEndpoint.set(attempt.endpoint, [...(byEndpoint.get(attempt.endpoint) ?? []), attempt]);
  }
  return byEndpoint;
}

/**
 * The timeline: the event at its `created` (provider), then its first successful attempt per endpoint at
 * `attempted_at` (webhook); without the provider's attempt log, the moment the harness saw pending_webhooks 0.
 */
function markDelivery(
  evidence: ExpectationContext['evidence'],
  event: Stripe.Event,
  objectId: string,
  attempts: WebhookAttempt[] | undefined,
): void {
  if (!evidence.timeline) return;
  evidence.timeline(momentAtUnixSeconds('provider', event.type, event.created, objectId));
  if (!attempts) {
    evidence.timeline(momentNow('webhook', `${event.type} delivered to every endpoint (pending_webhooks 0)`, objectId));
    return;
  }
  const firstSuccessPerEndpoint = new Map<string, WebhookAttempt>();
  for (const attempt of [...attempts].sort((a, b) => a.attempted_at - b.attempted_at)) {
    if (attempt.succeeded && !firstSuccessPerEndpoint.has(attempt.endpoint)) firstSuccessPerEndpoint.set(attempt.endpoint, attempt);
  }
  for (const attempt of firstSuccessPerEndpoint.values()) {
    const retry = attempt.attempt > 1 ? ` (attempt ${attempt.attempt})` : '';
    evidence.timeline(momentAtUnixSeconds('webhook', `${event.type} delivered to ${attempt.url}${retry}`, attempt.attempted_at, objectId));
  }
}
