import type Stripe from 'stripe';
import type { RequiredWebhookEndpoint } from '../target/contract';

/** The provider's endpoints registered at exactly the required URL (there may be several, or none). */
export function endpointsAt(endpoints: Stripe.WebhookEndpoint[], required: RequiredWebhookEndpoint): Stripe.WebhookEndpoint[] {
  return endpoints.filter((endpoint) => endpoint.url === required.url);
}

/** The required events an endpoint does not receive (none when it has `*`). */
export function missingEvents(endpoint: Stripe.WebhookEndpoint, required: RequiredWebhookEndpoint): string[] {
  if (endpoint.enabled_events.includes('*')) return [];
  return required.events.filter((event) => !endpoint.enabled_events.includes(event));
}

/** An endpoint as evidence: what the checks read, nothing secret. */
export function endpointEvidence(endpoint: Stripe.WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    status: endpoint.status,
    api_version: endpoint.api_version,
    enabled_events: endpoint.enabled_events,
    livemode: endpoint.livemode,
  };
}
