import type Stripe from 'stripe';

export interface ReplayedDelivery {
  eventId: string;
  type: string;
  status: number | null;
  error?: string;
}

/**
 * Sends provider events to the merchant's webhook endpoint again, exactly as the provider signs them
 * (`Stripe-Signature` made with the endpoint's secret): the probe for handlers that are not idempotent or that
 * depend on the order events arrive in. Each event is sent `times` times, in the order given.
 */
export async function replayToMerchant(
  provider: Stripe,
  endpoint: { url: string; signingSecret: string },
  events: Stripe.Event[],
  times = 2,
): Promise<ReplayedDelivery[]> {
  const deliveries: ReplayedDelivery[] = [];
  for (let round = 0; round < times; round += 1) {
    for (const event of events) {
      const payload = JSON.stringify(event);
      const signature = provider.webhooks.generateTestHeaderString({ payload, secret: endpoint.signingSecret });
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer().catch(() => undefined); // read to the end, so the connection is released
        deliveries.push({ eventId: event.id, type: event.type, status: response.status });
      } catch (error) {
        deliveries.push({ eventId: event.id, type: event.type, status: null, error: (error as Error).message });
      }
    }
  }
  return deliveries;
}
