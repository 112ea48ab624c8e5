import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import { momentAtUnixSeconds, momentNow } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import { findProviderEvent, type EventObjectFilter } from '../provider/findProviderEvent';
import { readWebhookAttempts, type WebhookAttempt } from '../provider/webhookAttempts';
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
  const { value: created } = await findProviderEvent(provider, type, objectId, timeoutMs, wakeOnProviderEvents({ arrivals }, type), expected.showing);

  let delivered: Stripe.Event;
  let attempts: WebhookAttempt[] | undefined;
  try {
    ({ value: delivered } = await pollUntil({
      what: `${type} (${created.id}) delivered to every webhook endpoint (pending_webhooks 0)`,
      where: `the provider's API (GET /v1/events/${created.id})`,
      timeoutMs,
      wakeOn: wakeOnProviderEvents({ arrivals }, type),
      check: async (note) => {
        const event = await provider.events.retrieve(created.id);
        note(`pending_webhooks ${event.pending_webhooks}`);
        return event.pending_webhooks === 0 ? event : undefined;
      },
    }));
    await evidence.attachJson(`${type} event`, delivered);
  } finally {
    // Attached on failure too: the attempts say which endpoint did not answer, and how.
    attempts = await readWebhookAttempts(expected.providerAccess, { event: created.id }).catch(() => undefined);
    if (attempts) await evidence.attachJson(`${type} delivery attempts`, attempts);
  }
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
 * The timeline: the event at its `created` (provider), then its first successful attempt per endpoint at
 * `attempted_at` (webhook); without the provider's attempt log, the moment the harness saw pending_webhooks 0.
 */
function markDelivery(evidence: ExpectationContext['evidence'], event: Stripe.Event, objectId: string, attempts: WebhookAttempt[] | undefined): void {
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

