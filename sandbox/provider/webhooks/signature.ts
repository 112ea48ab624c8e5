import Stripe from 'stripe';

/**
 * The `Stripe-Signature` header for exactly `payload`: `t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`,
 * keyed with the whole `whsec_…` secret. Uses the SDK's own signer, so `constructEvent` agrees by construction.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
