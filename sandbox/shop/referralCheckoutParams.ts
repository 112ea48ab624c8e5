import type Stripe from 'stripe';
import type { ShopReferralPlatformName } from './shopContext';

/** What a Checkout session carries of the customer's referral. */
export interface ReferralCheckoutParams {
  client_reference_id?: string;
  /** Merged into the session's metadata (and a subscription's). */
  metadata: Record<string, string>;
  customer_creation?: Stripe.Checkout.SessionCreateParams.CustomerCreation;
}

/**
 * How the shop hands the referral to Stripe, the way its platform documents it (nothing when there is none):
 * - Dress Rehearsal's platform: `client_reference_id` = the click id, and `metadata.referral_click_id`
 *   (sandbox/referral/attribution.ts);
 * - Rewardful: `client_reference_id` = `Rewardful.referral`, only when non-blank (Stripe refuses a blank one)
 *   (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout, step 3);
 * - Dub: `client_reference_id` = `dub_id_<click id>` for a direct purchase, and `customer_creation: 'always'` for a
 *   guest checkout (payment mode) so the sale has a Stripe customer (https://dub.co/docs/integrations/stripe).
 */
export function referralCheckoutParams(
  platform: ShopReferralPlatformName,
  referralId: string | null,
  mode: 'payment' | 'subscription',
): ReferralCheckoutParams {
  if (!referralId) return { metadata: {} };
  switch (platform) {
    case 'rewardful':
      return { client_reference_id: referralId, metadata: {} };
    case 'dub':
      return {
        client_reference_id: `dub_id_${referralId}`,
        metadata: {},
        ...(mode === 'payment' ? { customer_creation: 'always' as const } : {}),
      };
    default:
      return { client_reference_id: referralId, metadata: { referral_click_id: referralId } };
  }
}
