import Stripe from 'stripe';

/** Every event type the shop's flows need (orders, payments, refunds, subscriptions). */
export const SHOP_WEBHOOK_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'checkout.session.completed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
];

/**
 * Registers the shop's webhook endpoint, pinned to the API version the shop's code is written against
 * (`Stripe.API_VERSION`), and returns its signing secret (kept in memory only).
 * An older endpoint with the same URL is deleted first: its secret is lost, so its deliveries would fail.
 */
export async function registerWebhookEndpoint(stripe: Stripe, url: string): Promise<{ id: string; secret: string }> {
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) {
    if (endpoint.url === url) await stripe.webhookEndpoints.del(endpoint.id);
  }
  const endpoint = await stripe.webhookEndpoints.create({
    url,
    enabled_events: SHOP_WEBHOOK_EVENTS,
    api_version: Stripe.API_VERSION,
    description: 'Demo shop: orders, payments, refunds and subscriptions',
  });
  if (!endpoint.secret) throw new Error('The provider did not return a signing secret for the shop webhook endpoint.');
  return { id: endpoint.id, secret: endpoint.secret };
}
