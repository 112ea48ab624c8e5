import type { DeliveryAttemptRecord, DeliveryEvidenceSource, DeliveryRecord } from '../../run/evidence/flowRecord';

const SOURCES = new Set<DeliveryEvidenceSource>([
  'provider-delivery-attempts',
  'provider-pending-webhooks',
  'referral-delivery-log',
  'harness-sink',
]);
const SENDERS = new Set(['provider', 'referral-platform']);
const OUTCOMES = new Set(['delivered', 'retrying', 'failed']);

/**
 * The delivery records of a flow record (its `deliveries`, as read from JSON) the sign-off can count: each with a known
 * source, sender and outcome, an event id, and an endpoint with a URL unless it comes from `pending_webhooks` (which
 * covers every endpoint at once). Attempts without a time are left out; `dropped` counts the records left out.
 */
export function readableDeliveries(value: unknown): { deliveries: DeliveryRecord[]; dropped: number } {
  if (!Array.isArray(value)) return { deliveries: [], dropped: value === undefined ? 0 : 1 };
  const deliveries = value.map(asDeliveryRecord).filter((record): record is DeliveryRecord => record !== undefined);
  return { deliveries, dropped: value.length - deliveries.length };
}

function asDeliveryRecord(value: unknown): DeliveryRecord | undefined {
  if (!isObject(value)) return undefined;
  const { source, sender, eventId, outcome, endpoint } = value;
  if (!SOURCES.has(source as DeliveryEvidenceSource) || !SENDERS.has(sender as string) || !OUTCOMES.has(outcome as string))
    return undefined;
  if (typeof eventId !== 'string' || eventId === '') return undefined;
  const hasEndpoint = isObject(endpoint) && typeof endpoint.url === 'string' && endpoint.url !== '';
  if (source !== 'provider-pending-webhooks' && !hasEndpoint) return undefined;
  const attempts = (Array.isArray(value.attempts) ? value.attempts : []).filter(
    (attempt): attempt is DeliveryAttemptRecord => isObject(attempt) && isTime(attempt.at),
  );
  return {
    source: source as DeliveryEvidenceSource,
    sender: sender as DeliveryRecord['sender'],
    eventType: typeof value.eventType === 'string' ? value.eventType : 'unknown event',
    eventId,
    ...(typeof value.objectId === 'string' && value.objectId !== '' ? { objectId: value.objectId } : {}),
    ...(hasEndpoint && source !== 'provider-pending-webhooks'
      ? { endpoint: { id: typeof endpoint.id === 'string' ? endpoint.id : '', url: endpoint.url as string } }
      : {}),
    attempts: attempts.map((attempt) => ({
      at: attempt.at,
      status: typeof attempt.status === 'number' ? attempt.status : null,
      ...(typeof attempt.error === 'string' && attempt.error !== '' ? { error: attempt.error } : {}),
      succeeded: attempt.succeeded === true,
    })),
    outcome: outcome as DeliveryRecord['outcome'],
    observedAt: isTime(value.observedAt) ? value.observedAt : 0,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
