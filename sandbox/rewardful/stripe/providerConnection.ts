import Stripe from 'stripe';
import { isLoopbackUrl } from '../../loopback';
import { sdkAddressOf } from '../../provider/sdkAddress';

/**
 * The provider events Rewardful's Stripe integration listens to. Documented: Stripe notifies Rewardful "when a customer
 * is created or an invoice is paid" (https://help.rewardful.com/en/articles/2213091-how-does-rewardful-use-my-stripe-account),
 * Checkout's `client_reference_id` carries the referral
 * (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout), and refunds are handled
 * (https://rewardful.com/automated-refund-handling). guess: the exact event names (customer.created, customer.updated,
 * checkout.session.completed, invoice.paid, charge.refunded): Rewardful does not publish its list.
 */
export const REWARDFUL_PROVIDER_EVENTS = [
  'customer.created',
  'customer.updated',
  'checkout.session.completed',
  'invoice.paid',
  'charge.refunded',
] as const;

/** The official SDK pointed at the sandbox provider (loopback only). */
export function providerClient(providerUrl: string, secretKey: string): Stripe {
  if (!isLoopbackUrl(providerUrl)) {
    throw new Error(`The Rewardful sandbox only talks to a provider on loopback; got ${new URL(providerUrl).origin}.`);
  }
  return new Stripe(secretKey, sdkAddressOf(providerUrl));
}

/**
 * Connects "Stripe": registers Rewardful's webhook endpoint at the provider, as connecting Stripe on Rewardful's
 * dashboard does (Stripe Connect / the Rewardful Stripe App: https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout).
 */
export async function connectStripe(stripe: Stripe, ownUrl: string): Promise<{ id: string; secret: string }> {
  const endpoint = await stripe.webhookEndpoints.create({
    url: `${ownUrl}/_sandbox/stripe/webhooks`,
    enabled_events: [...REWARDFUL_PROVIDER_EVENTS],
    api_version: Stripe.API_VERSION,
    description: 'Rewardful sandbox: attribution, sales and refunds',
  });
  if (!endpoint.secret) throw new Error(`The provider created webhook endpoint ${endpoint.id} without a signing secret.`);
  return { id: endpoint.id, secret: endpoint.secret };
}
