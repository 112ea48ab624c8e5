import Stripe from 'stripe';
import { isLoopbackUrl } from '../loopback';
import { sdkAddressOf } from '../provider/sdkAddress';

/** Whether a provider secret (or restricted) key is a live one: test hooks (the test-clock field) are refused then. */
export function isLiveKey(secretKey: string): boolean {
  return /^(sk|rk)_live_/.test(secretKey);
}

/**
 * The official Stripe SDK as a sandbox merchant's server uses it, pointed at the provider it was given (loopback
 * only). `appName` names the merchant in the SDK's user agent (the provider's fault injection can target it);
 * `apiVersion` is the version the merchant's code is pinned to (sent as `Stripe-Version`; default the SDK's own).
 */
export function createMerchantProviderClient(
  providerUrl: string,
  secretKey: string,
  merchant: { name: string; appName: string; apiVersion?: string },
): Stripe {
  if (!isLoopbackUrl(providerUrl)) throw new Error(`${merchant.name} only talks to a provider on this machine, not ${providerUrl}.`);
  return new Stripe(secretKey, {
    ...sdkAddressOf(providerUrl),
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: merchant.appName },
    // The SDK's types name only its own version; an older pinned version is a plain string to the server.
    apiVersion: (merchant.apiVersion ?? Stripe.API_VERSION) as Stripe.StripeConfig['apiVersion'],
  });
}
