import type { DeliveryEvidenceSource, UnobservedDelivery } from '../../run/evidence/flowRecord';
import type {
  DeliveryAttemptSummary,
  DeliverySender,
  EndpointDeliveries,
  PendingWebhooksDeliveries,
  SinkDeliveries,
  TroubledDelivery,
} from './deliveryTotals';
import { plural } from './text';

/** How the sign-off names who sent a webhook. */
export const SENDER_LABEL: Record<DeliverySender, string> = { provider: 'provider', 'referral-platform': 'referral platform' };

/** How the sign-off names where a delivery's evidence came from. */
export const SOURCE_LABEL: Record<DeliveryEvidenceSource, string> = {
  'provider-delivery-attempts': "the provider's delivery attempts",
  'provider-pending-webhooks': "the provider's pending_webhooks",
  'referral-delivery-log': "the referral platform's delivery log",
  'harness-sink': "the harness's sink",
};

/** What the sign-off says of the provider's pending_webhooks records. */
export const PENDING_WEBHOOKS_NOTE =
  'confirmed delivered to every provider endpoint by pending_webhooks 0 (no per-endpoint attempts: the provider does not show them)';

/** "11 of 12 events delivered (91.7 %), 14 attempts, 3 failed; from the provider's delivery attempts". */
export function endpointSummary(row: EndpointDeliveries): string {
  const left = [row.failed > 0 ? `${row.failed} failed` : '', row.retrying > 0 ? `${row.retrying} still retrying` : ''].filter(Boolean);
  return (
    `${row.delivered} of ${plural(row.events, 'event')} delivered (${row.successRate} %)${left.length ? `, ${left.join(', ')}` : ''}; ` +
    `${plural(row.attempts, 'attempt')}, ${row.failedAttempts} failed; from ${row.sources.map((source) => SOURCE_LABEL[source]).join(' and ')}`
  );
}

/** "4 of 4 events confirmed delivered to every provider endpoint by pending_webhooks 0 (…)"; and how many were not. */
export function pendingWebhooksSummary(pending: PendingWebhooksDeliveries): string {
  const notYet =
    pending.undelivered > 0 ? `; ${pending.undelivered} not: pending_webhooks stayed above 0 when the harness stopped waiting` : '';
  return `${pending.delivered} of ${plural(pending.events, 'event')} ${PENDING_WEBHOOKS_NOTE}${notYet}`;
}

/**
 * What the harness's sink did this run: "not used: <reason>", or "received 6 of 6 signed deliveries it waited for via
 * <url>" (on this machine, over loopback; or with no word of how, for a run without webhook-sink.json).
 */
export function sinkSummary(sink: SinkDeliveries): string {
  const received = `received ${sink.received} of ${plural(sink.waitedFor, 'signed delivery', 'signed deliveries')} the tests waited for`;
  if (sink.reachable === false) {
    return `not used: ${sink.reason ?? 'the senders could not reach it'}${sink.waitedFor > 0 ? `; it still ${received}` : ''}`;
  }
  return `${received}${sinkRoute(sink)}`;
}

/** " via <url>", " on this machine (loopback)", or nothing when the run did not say. */
export function sinkRoute(sink: Pick<SinkDeliveries, 'via' | 'url'>): string {
  if (sink.url) return ` via ${sink.url}`;
  return sink.via === 'loopback' ? ' on this machine (loopback)' : '';
}

/** "HTTP 503 at 17:45:21 UTC", "no answer (connection refused) at 17:45:31 UTC". */
export function attemptText(attempt: DeliveryAttemptSummary): string {
  const answer = attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`;
  const why = attempt.error && !attempt.succeeded ? ` (${attempt.error})` : '';
  return `${answer}${why} ${attempt.at ? `at ${attempt.at.slice(11, 19)} UTC` : 'at an unknown time'}`;
}

/** "provider → https://shop.example/webhooks/stripe", "provider → every endpoint", "referral platform → the harness's sink". */
export function receiverName(delivery: Pick<TroubledDelivery, 'sender' | 'receiver' | 'url'>): string {
  const to =
    delivery.receiver === 'harness-sink'
      ? "the harness's sink"
      : delivery.receiver === 'every-endpoint'
        ? 'every endpoint'
        : (delivery.url ?? 'an endpoint');
  return `${SENDER_LABEL[delivery.sender]} → ${to}`;
}

/** What became of the delivery, in words. */
function outcomeWords(delivery: TroubledDelivery): string {
  if (delivery.outcome === 'delivered') {
    return `delivered after ${plural(delivery.attempts.filter((attempt) => !attempt.succeeded).length, 'failed attempt')}`;
  }
  if (delivery.outcome === 'retrying') return 'not delivered yet, the sender will retry';
  return 'failed (dead-lettered, or undelivered when the harness stopped waiting)';
}

/**
 * One delivery that failed or needed retries, named with its attempts: "provider → https://…: invoice.paid evt_1
 * (in_1) failed (…); attempts: HTTP 503 at 17:45:23 UTC, …".
 */
export function troubledDeliveryText(delivery: TroubledDelivery): string {
  const object = delivery.objectId ? ` (${delivery.objectId})` : '';
  const attempts =
    delivery.attempts.length > 0
      ? `; attempts: ${delivery.attempts.map(attemptText).join(', ')}`
      : delivery.receiver === 'every-endpoint'
        ? '; pending_webhooks stayed above 0 (the provider shows no attempts)'
        : '; no attempt seen';
  return `${receiverName(delivery)}: ${delivery.eventType} ${delivery.eventId}${object} ${outcomeWords(delivery)}${attempts}`;
}

/**
 * Webhooks the harness could not see delivered, in one clause: "not observable: the referral platform's delivery of 3
 * messages (conversion.created, commission.created) to the merchant's endpoints, because <reason>; not counted as
 * delivered". '' when there are none.
 */
export function unobservedDeliveriesClause(unobserved: readonly UnobservedDelivery[]): string {
  if (unobserved.length === 0) return '';
  const types = [...new Set(unobserved.map((delivery) => delivery.eventType))].join(', ');
  const reasons = [...new Set(unobserved.map((delivery) => delivery.reason.replace(/[.\s]+$/, '')))].join('; ');
  const senders = [...new Set(unobserved.map((delivery) => SENDER_LABEL[delivery.sender]))].join(' and ');
  return (
    `not observable: the ${senders}'s delivery of ${plural(unobserved.length, 'message')} (${types}) to the merchant's endpoints, ` +
    `because ${reasons}; not counted as delivered`
  );
}
