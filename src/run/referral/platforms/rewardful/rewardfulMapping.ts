import type {
  CommissionRule,
  CommissionStatus,
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralPartner,
  ReferralProgram,
} from '../../../../../contracts/referral';
import { applyCommissionRule, commissionAfterRefund } from '../../commissionRules';
import type {
  RewardfulAffiliate,
  RewardfulCampaign,
  RewardfulCommission,
  RewardfulCommissionState,
  RewardfulReferral,
  RewardfulSale,
} from './rewardfulObjects';

const seconds = (iso: string | null | undefined): number => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

/** A referral (a visitor through an affiliate link) is the click: https://developers.rewardful.com/rest-api/referrals/object. */
export function toClick(referral: RewardfulReferral): ReferralClick {
  return {
    id: referral.id,
    object: 'click',
    partner: referral.affiliate?.id ?? '',
    partner_key: referral.link?.token ?? referral.coupon?.token ?? '',
    program: referral.affiliate?.campaign?.id ?? '',
    // Rewardful keeps no landing page: the affiliate link's URL stands for it.
    landing_url: referral.link?.url ?? '',
    referrer: null,
    // Rewardful stores no UTM parameters (limits.clicksByRunId).
    metadata: {},
    created: seconds(referral.created_at),
    expires_at: seconds(referral.expires_at),
  };
}

/** The programme's rule from the campaign (`reward_type` percent|amount: https://developers.rewardful.com/rest-api/campaigns/the-campaign-object). */
export function campaignRule(campaign: RewardfulCampaign): CommissionRule {
  return campaign.reward_type === 'amount'
    ? { type: 'flat', amount: campaign.commission_amount_cents ?? 0 }
    : { type: 'percentage', percentage: campaign.commission_percent ?? 0 };
}

export function toProgram(campaign: RewardfulCampaign): ReferralProgram {
  return {
    id: campaign.id,
    object: 'program',
    name: campaign.name,
    rule: campaignRule(campaign),
    // A percent campaign names no currency; its commissions are in each sale's.
    currency: (campaign.commission_amount_currency ?? '').toLowerCase(),
    hold_days: campaign.days_until_commissions_are_due ?? 30,
    cookie_window_days: campaign.days_before_referrals_expire ?? 60,
    // guess: Rewardful credits the affiliate of the latest link visited (a new ?via= replaces the cookie).
    attribution: 'last_click',
    max_duration_months: campaign.max_commission_period_months ?? null,
    created: seconds(campaign.created_at),
  };
}

export function toPartner(affiliate: RewardfulAffiliate): ReferralPartner {
  return {
    id: affiliate.id,
    object: 'partner',
    key: affiliate.links?.[0]?.token ?? '',
    name: [affiliate.first_name, affiliate.last_name].filter(Boolean).join(' '),
    ...(affiliate.campaign?.id ? { program: affiliate.campaign.id } : {}),
    status: 'approved',
    metadata: {},
    ...(affiliate.created_at ? { created: seconds(affiliate.created_at) } : {}),
    links: (affiliate.links ?? []).map((link) => link.token),
  };
}

/**
 * A sale is the conversion. Rewardful's sale names only the Stripe charge (`stripe_charge_id`): not the checkout
 * session, invoice or payment intent, so `source` is the charge and `payment_intent` is null (unknown).
 */
export function toConversion(sale: RewardfulSale, campaignId: string): ReferralConversion {
  return {
    id: sale.id,
    object: 'conversion',
    click: sale.referral?.id ?? null,
    partner: sale.affiliate?.id ?? sale.referral?.affiliate?.id ?? '',
    program: campaignId,
    source: chargeSource(sale.stripe_charge_id),
    subscription: null,
    payment_intent: null,
    customer_email: sale.referral?.customer?.email ?? null,
    amount: sale.sale_amount_cents,
    currency: sale.currency.toLowerCase(),
    // Rewardful does not say which Stripe event made the sale.
    provider_event: null,
    // Rewardful has no test mode (no test keys documented); the harness does not read this.
    livemode: false,
    metadata: { stripe_charge_id: sale.stripe_charge_id },
    created: seconds(sale.created_at),
  };
}

/** Rewardful's sale names the Stripe charge only (`stripe_charge_id`). */
function chargeSource(chargeId: string): ReferralConversion['source'] {
  return { type: 'charge', id: chargeId };
}

/** Commission states (https://developers.rewardful.com/rest-api/commissions/list) in the contract's words. */
export const COMMISSION_STATUS: Record<RewardfulCommissionState, CommissionStatus> = {
  pending: 'pending',
  // Due = past its pending period, not paid yet: still owed, the harness's "pending".
  due: 'pending',
  paid: 'paid',
  voided: 'canceled',
};

/** The refunded part of the sale (excluding tax): the refund is of the charge, tax included; scaled to the sale. */
export function refundedSaleAmount(sale: RewardfulSale): number {
  if (sale.refund_amount_cents <= 0 || sale.charge_amount_cents <= 0) return 0;
  if (sale.refund_amount_cents >= sale.charge_amount_cents) return sale.sale_amount_cents;
  return Math.round((sale.sale_amount_cents * sale.refund_amount_cents) / sale.charge_amount_cents);
}

/**
 * A commission with its sale (`expand[]=sale`) and its campaign's rule. `original_amount` is the rule applied to the
 * sale (Rewardful keeps only the recalculated amount after a partial refund); `hold_until` is `due_at` while pending.
 */
export function toCommission(commission: RewardfulCommission, sale: RewardfulSale, rule: CommissionRule | null): ReferralCommission {
  const refunded = refundedSaleAmount(sale);
  const original = rule
    ? applyCommissionRule(rule, sale.sale_amount_cents)
    : estimateOriginal(commission.amount, sale.sale_amount_cents, refunded);
  return {
    id: commission.id,
    object: 'commission',
    conversion: sale.id,
    partner: sale.affiliate?.id ?? sale.referral?.affiliate?.id ?? '',
    program: commission.campaign?.id ?? '',
    status: COMMISSION_STATUS[commission.state],
    amount: commission.amount,
    original_amount: original,
    currency: commission.currency.toLowerCase(),
    sale_amount: sale.sale_amount_cents,
    refunded_sale_amount: refunded,
    rule: rule ?? { type: 'flat', amount: original },
    hold_until: commission.state === 'pending' && commission.due_at ? seconds(commission.due_at) : null,
    metadata: { rewardful_state: commission.state },
    created: seconds(commission.created_at),
    updated: seconds(commission.updated_at),
  };
}

/**
 * What the harness sees of a commission Rewardful deleted after a full refund ("the corresponding commission record is
 * deleted": https://rewardful.com/automated-refund-handling): the last version the adapter saw, refunded, nothing left.
 */
export function deletedAfterRefund(last: ReferralCommission, at: number): ReferralCommission {
  return {
    ...last,
    status: 'refunded',
    amount: commissionAfterRefund(last.original_amount, last.sale_amount, last.sale_amount),
    refunded_sale_amount: last.sale_amount,
    metadata: { ...last.metadata, rewardful_state: 'deleted' },
    updated: Math.max(last.updated, at),
  };
}

/** Without the campaign: the amount before any refund, estimated back from the recalculated one. */
function estimateOriginal(amount: number, sale: number, refunded: number): number {
  if (refunded <= 0 || refunded >= sale) return amount;
  return Math.round((amount * sale) / (sale - refunded));
}
