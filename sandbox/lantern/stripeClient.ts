import Stripe from 'stripe';
import { DEFAULT_STRIPE_API_BASE, stripeAddress } from './config';

/**
 * The official Stripe SDK as Lantern & Co. configures it: the API version pinned to the one this SDK release was
 * built for (so an account default changed in the dashboard never changes what the app receives), a few network
 * retries (every create call carries an idempotency key, so a retry never pays twice), and the API's address.
 */
export function createStripeClient(secretKey: string, apiBase = DEFAULT_STRIPE_API_BASE): Stripe {
  return new Stripe(secretKey, {
    apiVersion: Stripe.API_VERSION,
    ...stripeAddress(apiBase),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'lantern-and-co', version: '1.0.0' },
  });
}
