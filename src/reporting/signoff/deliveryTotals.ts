import type { DeliveryEvidenceSource, DeliveryRecord } from '../../run/evidence/flowRecord';
import type { WebhookSinkStatus } from './webhookSinkStatus';

/** Who sent a webhook. */
export type DeliverySender = DeliveryRecord['sender'];

/** One merchant endpoint's deliveries over the run (sender and URL: the same URL at two senders is two rows). */
export interface EndpointDeliveries {
  sender: DeliverySender;
  url: string;
  /** Distinct events (the provider's evt_…, the referral platform's msg_…) sent to it. */
  events: number;
  delivered: number;
  /** Dead-lettered, or still undelivered when the harness stopped waiting. */
  failed: number;
  /** Failed so far, the sender will try again. */
  retrying: number;
  attempts: number;
  failedAttempts: number;
  /** Events delivered by their first attempt. */
  firstAttemptSuccesses: number;
  /** delivered ÷ events, in per cent, one decimal. */
  successRate: number;
  /** Where the evidence came from, in the order of DELIVERY_SOURCES. */
  sources: DeliveryEvidenceSource[];
}

/**
 * The provider's events whose `pending_webhooks` the harness watched (no per-endpoint attempts: a provider such as
 * real Stripe does not show them): those that reached 0 were delivered to every provider endpoint.
 */
export interface PendingWebhooksDeliveries {
  events: number;
  /** pending_webhooks reached 0. */
  delivered: number;
  /** pending_webhooks stayed above 0 (still retrying, or the harness stopped waiting). */
  undelivered: number;
  successRate: number;
}

/**
 * The harness's own sink (not a merchant endpoint: never in the rates): what webhook-sink.json says of it, and how
 * many of the deliveries the tests waited for there arrived. Without webhook-sink.json (an older run) only the counts.
 */
export interface SinkDeliveries {
  /** From webhook-sink.json; absent when the run has none. */
  reachable?: boolean;
  via?: WebhookSinkStatus['via'];
  url?: string;
  reason?: string;
  /** Distinct events the tests waited for at the sink. */
  waitedFor: number;
  received: number;
}

/** One attempt, its time as ISO-8601 (UTC). */
export interface DeliveryAttemptSummary {
  at: string;
  /** The HTTP status; null when there was no answer. */
  status: number | null;
  error?: string;
  succeeded: boolean;
}

/** A delivery that failed, is still retrying, or needed more than one attempt: named with its attempts. */
export interface TroubledDelivery {
  sender: DeliverySender;
  /** The merchant endpoint's URL, `harness-sink` for the harness's sink, `every-endpoint` for a pending_webhooks count. */
  receiver: 'merchant-endpoint' | 'harness-sink' | 'every-endpoint';
  /** The endpoint's URL (absent for `every-endpoint`). */
  url?: string;
  source: DeliveryEvidenceSource;
  eventType: string;
  eventId: string;
  objectId?: string;
  outcome: DeliveryRecord['outcome'];
  attempts: DeliveryAttemptSummary[];
}

/** The run's webhook deliveries, added up (signoff.json's `deliveries`). */
export interface WebhookDeliveries {
  /** One per merchant endpoint, by sender (provider first) then URL. */
  endpoints: EndpointDeliveries[];
  /** Absent when no record came from `pending_webhooks`. */
  pendingWebhooks?: PendingWebhooksDeliveries;
  /** Absent when the run has neither webhook-sink.json nor a delivery to the sink. */
  sink?: SinkDeliveries;
  /** Every delivery that failed or needed retries, merchant endpoints first, each in the order of its first attempt. */
  troubled: TroubledDelivery[];
}

/** The sources in the order the sign-off names them. */
export const DELIVERY_SOURCES: readonly DeliveryEvidenceSource[] = [
  'provider-delivery-attempts',
  'provider-pending-webhooks',
  'referral-delivery-log',
  'harness-sink',
];
const SENDER_ORDER: readonly DeliverySender[] = ['provider', 'referral-platform'];
const RECEIVER_ORDER: readonly TroubledDelivery['receiver'][] = ['merchant-endpoint', 'every-endpoint', 'harness-sink'];

/**
 * Adds up the run's delivery records (every flow's, together): per merchant endpoint (sender and URL) its events,
 * deliveries, failures, attempts and success rate (delivered ÷ events); the provider's `pending_webhooks` records
 * apart (they cover every endpoint at once); the harness's sink apart (it is not a merchant endpoint), with what
 * `sink` (webhook-sink.json) says of it; and every delivery that failed or needed retries. The same event to the same
 * endpoint seen twice (two flows) counts once, as the latest look (`observedAt`) shows it. Undefined when there is no
 * record: an older run, of which the sign-off says nothing (not a 0 % table).
 */
export function addUpDeliveries(records: readonly DeliveryRecord[], sink: WebhookSinkStatus | undefined): WebhookDeliveries | undefined {
  if (records.length === 0) return undefined;
  const latest = latestPerEventAndEndpoint(records);
  const merchant = latest.filter((record) => receiverOf(record) === 'merchant-endpoint');
  const pending = latest.filter((record) => receiverOf(record) === 'every-endpoint');
  const atSink = latest.filter((record) => receiverOf(record) === 'harness-sink');
  const sinkSummary = sinkDeliveries(atSink, sink);
  return {
    endpoints: endpointDeliveries(merchant),
    ...(pending.length > 0 ? { pendingWebhooks: pendingWebhooksDeliveries(pending) } : {}),
    ...(sinkSummary ? { sink: sinkSummary } : {}),
    troubled: troubledDeliveries(latest),
  };
}

/** Whom a record is about: a merchant endpoint, every provider endpoint (pending_webhooks), or the harness's sink. */
export function receiverOf(record: DeliveryRecord): TroubledDelivery['receiver'] {
  if (record.source === 'harness-sink') return 'harness-sink';
  if (record.source === 'provider-pending-webhooks' || !record.endpoint) return 'every-endpoint';
  return 'merchant-endpoint';
}

/** One record per sender, event, receiver and URL: the one observed last (the first of equals). */
export function latestPerEventAndEndpoint(records: readonly DeliveryRecord[]): DeliveryRecord[] {
  const latest = new Map<string, DeliveryRecord>();
  for (const record of records) {
    const key = [record.sender, record.eventId, receiverOf(record), record.endpoint?.url ?? ''].join('\u0000');
    const seen = latest.get(key);
    if (!seen || record.observedAt > seen.observedAt) latest.set(key, record);
  }
  return [...latest.values()];
}

function endpointDeliveries(records: DeliveryRecord[]): EndpointDeliveries[] {
  const groups = new Map<string, DeliveryRecord[]>();
  for (const record of records) {
    const key = `${record.sender}\u0000${record.endpoint!.url}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const rows = [...groups.values()].map((group): EndpointDeliveries => {
    const attempts = group.flatMap((record) => record.attempts);
    const events = new Set(group.map((record) => record.eventId)).size;
    const delivered = count(group, 'delivered');
    return {
      sender: group[0]!.sender,
      url: group[0]!.endpoint!.url,
      events,
      delivered,
      failed: count(group, 'failed'),
      retrying: count(group, 'retrying'),
      attempts: attempts.length,
      failedAttempts: attempts.filter((attempt) => !attempt.succeeded).length,
      firstAttemptSuccesses: group.filter((record) => record.attempts[0]?.succeeded === true).length,
      successRate: percent(delivered, events),
      sources: DELIVERY_SOURCES.filter((source) => group.some((record) => record.source === source)),
    };
  });
  return rows.sort((a, b) => SENDER_ORDER.indexOf(a.sender) - SENDER_ORDER.indexOf(b.sender) || a.url.localeCompare(b.url));
}

function pendingWebhooksDeliveries(records: DeliveryRecord[]): PendingWebhooksDeliveries {
  const events = records.length;
  const delivered = count(records, 'delivered');
  return { events, delivered, undelivered: events - delivered, successRate: percent(delivered, events) };
}

function sinkDeliveries(records: DeliveryRecord[], sink: WebhookSinkStatus | undefined): SinkDeliveries | undefined {
  if (!sink && records.length === 0) return undefined;
  return {
    ...(sink
      ? {
          reachable: sink.reachable,
          via: sink.via,
          ...(sink.url ? { url: sink.url } : {}),
          ...(sink.reason ? { reason: sink.reason } : {}),
        }
      : {}),
    waitedFor: records.length,
    received: count(records, 'delivered'),
  };
}

function troubledDeliveries(records: DeliveryRecord[]): TroubledDelivery[] {
  const troubled = records.filter((record) => record.outcome !== 'delivered' || record.attempts.some((attempt) => !attempt.succeeded));
  const firstAt = (record: DeliveryRecord) => record.attempts[0]?.at ?? record.observedAt;
  troubled.sort(
    (a, b) =>
      RECEIVER_ORDER.indexOf(receiverOf(a)) - RECEIVER_ORDER.indexOf(receiverOf(b)) ||
      SENDER_ORDER.indexOf(a.sender) - SENDER_ORDER.indexOf(b.sender) ||
      (a.endpoint?.url ?? '').localeCompare(b.endpoint?.url ?? '') ||
      firstAt(a) - firstAt(b),
  );
  return troubled.map((record) => {
    const receiver = receiverOf(record);
    return {
      sender: record.sender,
      receiver,
      ...(receiver !== 'every-endpoint' && record.endpoint ? { url: record.endpoint.url } : {}),
      source: record.source,
      eventType: record.eventType,
      eventId: record.eventId,
      ...(record.objectId ? { objectId: record.objectId } : {}),
      outcome: record.outcome,
      attempts: record.attempts.map((attempt) => ({
        at: isoOf(attempt.at),
        status: attempt.status,
        ...(attempt.error ? { error: attempt.error } : {}),
        succeeded: attempt.succeeded,
      })),
    };
  });
}

function count(records: DeliveryRecord[], outcome: DeliveryRecord['outcome']): number {
  return records.filter((record) => record.outcome === outcome).length;
}

function isoOf(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** `part ÷ whole` in per cent, one decimal (0 of nothing is 0). */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}
