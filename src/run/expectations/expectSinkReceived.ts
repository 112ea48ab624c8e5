import { momentAtMs } from '../evidence/timeline';
import type { SinkDelivery, WebhookSink } from '../webhooks/webhookSink';
import type { ExpectationContext } from './expectationContext';

/**
 * The harness's own webhook sink received the event for the object, with a valid signature; one whose event or message
 * id is in `besides` (already checked: an earlier commission.refunded of the same commission) is not it.
 */
export async function expectSinkReceived(
  sink: WebhookSink,
  expected: { type: string; objectId: string; besides?: readonly string[] },
  { evidence, timeoutMs }: ExpectationContext,
): Promise<SinkDelivery> {
  const { type, objectId } = expected;
  const delivery = await sink.waitForDelivery(
    (candidate) => candidate.eventType === type && dataIdOf(candidate) === objectId && !expected.besides?.includes(candidate.eventId ?? ''),
    {
      what: `${type} for ${objectId} with a valid signature`,
      timeoutMs,
    },
  );
  await evidence.attachJson(`${type} received by the sink`, {
    scheme: delivery.scheme,
    verified: delivery.verified,
    eventId: delivery.eventId,
    receivedAt: new Date(delivery.receivedAt).toISOString(),
    payload: delivery.payload,
  });
  evidence.timeline?.(momentAtMs('webhook', `${type} reached the harness`, delivery.receivedAt, objectId));
  return delivery;
}

function dataIdOf(delivery: SinkDelivery): string | undefined {
  const data = (delivery.payload as { data?: { id?: unknown; object?: { id?: unknown } } } | null)?.data;
  const id = data?.id ?? data?.object?.id; // Standard Webhooks envelopes carry the object in data; Stripe in data.object
  return typeof id === 'string' ? id : undefined;
}
