import type Stripe from 'stripe';
import type { RequiredWebhookEndpoint, TargetEnvironment } from '../../model/target/contract';

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

/**
 * The required endpoints split by owner: the merchant's own (what the merchant can fix) and the referral platform's
 * (which the platform registered and owns). The referral platform's is the one named "…referral platform…" or at the
 * referral platform's origin; the merchant's `merchant.webhook` URL is always the merchant's.
 */
export function endpointsByOwner(environment: Pick<TargetEnvironment, 'merchant' | 'referral' | 'requiredWebhookEndpoints'>): {
  merchant: RequiredWebhookEndpoint[];
  referralPlatform: RequiredWebhookEndpoint[];
} {
  const merchant: RequiredWebhookEndpoint[] = [];
  const referralPlatform: RequiredWebhookEndpoint[] = [];
  for (const need of environment.requiredWebhookEndpoints) {
    (isReferralPlatformEndpoint(need, environment) ? referralPlatform : merchant).push(need);
  }
  return { merchant, referralPlatform };
}

function isReferralPlatformEndpoint(need: RequiredWebhookEndpoint, environment: Pick<TargetEnvironment, 'merchant' | 'referral'>): boolean {
  if (need.url === environment.merchant.webhook?.url) return false;
  if (/referral platform/i.test(need.name)) return true;
  const referralApi = environment.referral?.apiBase;
  return referralApi !== undefined && originOf(need.url) !== undefined && originOf(need.url) === originOf(referralApi);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
