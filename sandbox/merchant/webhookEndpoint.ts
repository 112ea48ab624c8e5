import Stripe from 'stripe';

/**
 * Registers a merchant's webhook endpoint, pinned to the API version the merchant's code is written against
 * (`endpoint.apiVersion`, default `Stripe.API_VERSION`), and returns its signing secret (kept in memory only). An
 * older endpoint with the same URL is deleted first: its secret is lost, so its deliveries would fail.
 */
export async function registerMerchantWebhookEndpoint(
  stripe: Stripe,
  endpoint: { url: string; events: Stripe.WebhookEndpointCreateParams.EnabledEvent[]; description: string; apiVersion?: string },
): Promise<{ id: string; secret: string }> {
  for await (const existing of stripe.webhookEndpoints.list({ limit: 100 })) {
    if (existing.url === endpoint.url) await stripe.webhookEndpoints.del(existing.id);
  }
  const created = await stripe.webhookEndpoints.create({
    url: endpoint.url,
    enabled_events: endpoint.events,
    api_version: (endpoint.apiVersion ?? Stripe.API_VERSION) as Stripe.WebhookEndpointCreateParams.ApiVersion,
    description: endpoint.description,
  });
  if (!created.secret) throw new Error(`The provider did not return a signing secret for the webhook endpoint ${endpoint.url}.`);
  return { id: created.id, secret: created.secret };
}
