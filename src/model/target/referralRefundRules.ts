import type { ReferralPlatformName } from './referralPlatform';

/**
 * What a partial refund does to an unpaid commission on a platform: `scaled`, in proportion to what is left of the
 * sale (Dress Rehearsal's own rule, and a team's own adapter's by default); `reverses-all`, the whole commission is
 * reversed by any refund.
 */
export interface PartialRefundRule {
  rule: 'scaled' | 'reverses-all';
  /** Where the platform says so, for the evidence and the failure message. */
  source: string;
}

export const PARTIAL_REFUND_RULES: Record<ReferralPlatformName, PartialRefundRule> = {
  'dress-rehearsal': { rule: 'scaled', source: "Dress Rehearsal's referral API scales the commission to what is left of the sale" },
  // Documented: "When the affiliate commission is still unpaid and a partial refund is requested, Rewardful recalculates
  // the commission amount" (https://rewardful.com/automated-refund-handling); guess: rounded to the cent like ours.
  rewardful: {
    rule: 'scaled',
    source: 'Rewardful recalculates an unpaid commission after a partial refund (https://rewardful.com/automated-refund-handling)',
  },
  // guess from Dub's source (apps/web/app/(ee)/api/stripe/integration/webhook/charge-refunded.ts: any charge.refunded
  // marks the invoice's commission refunded); its docs describe refunds without a partial case
  // (https://dub.co/docs/conversions/sales/refunds).
  dub: {
    rule: 'reverses-all',
    source: "Dub marks the sale's whole commission refunded on any refund (https://dub.co/docs/conversions/sales/refunds)",
  },
};
