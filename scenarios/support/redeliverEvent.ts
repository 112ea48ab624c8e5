import type Stripe from 'stripe';
import { pollUntil } from '../../src/polling/pollUntil';
import type { ExpectationContext } from '../../src/expectations/expectationContext';

/**
 * The provider's event of `type` for the object: what a provider retry (or a duplicate delivery) sends again,
 * byte for byte the same event id.
 */
export async function findEvent(provider: Stripe, type: string, objectId: string, { timeoutMs }: ExpectationContext): Promise<Stripe.Event> {
  const { value } = await pollUntil({
    what: `the provider event ${type} for ${objectId}`,
    where: `the provider's API (GET /v1/events?type=${type})`,
    timeoutMs,
    check: async (note) => {
      const events = await provider.events.list({ type, limit: 100 });
      note(`${events.data.length} ${type} events, none for ${objectId}`);
      return events.data.find((event) => (event.data.object as { id?: string }).id === objectId);
    },
  });
  return value;
}

/**
 * POSTs the event to the merchant's webhook endpoint again, signed with the endpoint's secret as the provider signs
 * it; resolves with the HTTP status the merchant answered.
 */
export async function redeliverEvent(provider: Stripe, event: Stripe.Event, webhook: { url: string; signingSecret: string }): Promise<number> {
  const payload = JSON.stringify(event);
  const signature = provider.webhooks.generateTestHeaderString({ payload, secret: webhook.signingSecret });
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}
