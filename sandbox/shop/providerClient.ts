import type Stripe from 'stripe';
import { createMerchantProviderClient } from '../merchant/providerClient';

/** The official Stripe SDK, pointed at the provider the shop was given (loopback only), pinned to `apiVersion`. */
export function createProviderClient(providerUrl: string, secretKey: string, apiVersion: string): Stripe {
  return createMerchantProviderClient(providerUrl, secretKey, { name: 'The demo shop', appName: 'dress-rehearsal-demo-shop', apiVersion });
}
