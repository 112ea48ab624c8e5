import Stripe from 'stripe';
import { isLoopbackUrl } from '../../loopback';
import { sdkAddressOf } from '../../provider/sdkAddress';

/**
 * The provider events Dub's Stripe app consumes (https://dub.co/docs/integrations/stripe: customer.created,
 * customer.updated, checkout.session.completed, invoice.paid, charge.refunded; SRC
 * app/(ee)/api/stripe/integration/webhook/route.ts also takes subscription, coupon and promotion-code events, which
 * the emulation does not need).
 */
export const STRIPE_APP_EVENTS = [
  'customer.created',
  'customer.updated',
  'checkout.session.completed',
  'invoice.paid',
  'charge.refunded',
] as const;

/** Dub's receiver: live events at `/api/stripe/integration/webhook`, test-mode ones at `…/test` (SRC route.ts, test/route.ts). */
export function stripeAppPath(mode: 'test' | 'live'): string {
  return mode === 'live' ? '/api/stripe/integration/webhook' : '/api/stripe/integration/webhook/test';
}

/** The official SDK pointed at the (sandbox) provider; only loopback providers are accepted. */
export function providerClient(providerUrl: string, providerSecretKey: string): Stripe {
  if (!isLoopbackUrl(providerUrl))
    throw new Error(`The Dub sandbox only talks to a provider on loopback; got ${new URL(providerUrl).origin}.`);
  return new Stripe(providerSecretKey, sdkAddressOf(providerUrl));
}

/**
 * Installs the Stripe app: Dub's app subscribes to the account's events when the merchant connects it; the sandbox
 * provider has no Apps, so the emulation registers an ordinary webhook endpoint through the API (as
 * sandbox/referral/providerRegistration.ts does). Returns the signing secret.
 */
export async function installStripeApp(stripe: Stripe, ownUrl: string, mode: 'test' | 'live'): Promise<{ id: string; secret: string }> {
  const endpoint = await stripe.webhookEndpoints.create({
    url: `${ownUrl}${stripeAppPath(mode)}`,
    enabled_events: [...STRIPE_APP_EVENTS],
    api_version: Stripe.API_VERSION,
    description: "Dub sandbox: Dub's Stripe app (leads, sales, refunds)",
  });
  if (!endpoint.secret) throw new Error(`The provider created webhook endpoint ${endpoint.id} without a signing secret.`);
  return { id: endpoint.id, secret: endpoint.secret };
}
