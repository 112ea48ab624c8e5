import Stripe from 'stripe';
import { PROVIDER_EVENT_TYPES } from './providerEvents';
import { isLoopbackUrl } from '../loopback';
import { sdkAddressOf } from '../provider/sdkAddress';

/** The official SDK pointed at the (sandbox) provider; only loopback providers are accepted. */
export function providerClient(providerUrl: string, providerSecretKey: string): Stripe {
  if (!isLoopbackUrl(providerUrl)) {
    throw new Error(`The referral sandbox only talks to a provider on loopback; got ${new URL(providerUrl).origin}.`);
  }
  return new Stripe(providerSecretKey, sdkAddressOf(providerUrl));
}

/** Registers the platform's webhook endpoint at the provider; returns the signing secret. */
export async function registerProviderEndpoint(stripe: Stripe, ownUrl: string): Promise<{ id: string; secret: string }> {
  const endpoint = await stripe.webhookEndpoints.create({
    url: `${ownUrl}/v1/provider/webhooks`,
    enabled_events: [...PROVIDER_EVENT_TYPES],
    // Pinned to the version this code is written against, so a change of the account's default cannot
    // change the shape of the events it reads.
    api_version: Stripe.API_VERSION,
    description: 'Referral sandbox: conversions and refund reversals',
  });
  if (!endpoint.secret) throw new Error(`The provider created webhook endpoint ${endpoint.id} without a signing secret.`);
  return { id: endpoint.id, secret: endpoint.secret };
}
