import type { RewardfulContext } from '../context';
import type { CampaignRecord, ReferralRecord, SaleRecord } from '../records';
import { renderCommission, renderReferral, renderSale } from '../render';
import { isoInDays, isoNow, newUuid } from '../ids';

/** One payment of a referred customer, as Rewardful records it (a sale: https://developers.rewardful.com/rest-api/commissions/object). */
export interface Payment {
  chargeId: string;
  chargeAmount: number;
  taxAmount: number;
  currency: string;
  chargedAt: string;
  invoicedAt: string | null;
}

/**
 * The commission a sale earns under its campaign: percent of the sale excluding tax, or a flat amount
 * (campaign `reward_type` amount|percent: https://developers.rewardful.com/rest-api/campaigns/the-campaign-object).
 * guess: rounded half up to the minor unit.
 */
export function commissionFor(campaign: CampaignRecord, saleAmount: number): number {
  if (campaign.reward_type === 'amount') return campaign.commission_amount_cents ?? 0;
  return Math.round((saleAmount * (campaign.commission_percent ?? 0)) / 100);
}

/**
 * A paid charge of a referred customer → a sale and a pending commission, due after the campaign's
 * `days_until_commissions_are_due` ("By default Rewardful will generate a commission for every payment made by a
 * referred customer": https://help.rewardful.com/en/articles/2749389-how-can-i-skip-paying-a-commission-for-certain-payments;
 * pending then due: https://rewardful.com/automated-refund-handling). One sale per Stripe charge: a redelivered or
 * second event about the same charge changes nothing. The first sale makes the referral a conversion ("paid any
 * amount": https://developers.rewardful.com/rest-api/referrals/object). Webhooks: referral.converted, sale.created,
 * commission.created (https://developers.rewardful.com/webhooks/event-types).
 */
export function recordSale(context: RewardfulContext, referral: ReferralRecord, payment: Payment): string {
  const { store, sender } = context;
  const existing = store.saleOfCharge(payment.chargeId);
  if (existing) return `duplicate: charge ${payment.chargeId} is sale ${existing.id}`;
  const now = isoNow();

  if (referral.conversion_state !== 'conversion') {
    referral.conversion_state = 'conversion';
    referral.became_conversion_at = now;
    referral.updated_at = now;
    sender.publish('referral.converted', renderReferral(store, referral));
  }

  const saleAmount = Math.max(0, payment.chargeAmount - payment.taxAmount);
  const sale: SaleRecord = {
    id: newUuid(),
    referral_id: referral.id,
    affiliate_id: referral.affiliate_id,
    // Currencies are uppercase ISO codes in Rewardful's objects ("currency": "USD").
    currency: payment.currency.toUpperCase(),
    charged_at: payment.chargedAt,
    invoiced_at: payment.invoicedAt,
    stripe_charge_id: payment.chargeId,
    charge_amount_cents: payment.chargeAmount,
    tax_amount_cents: payment.taxAmount,
    sale_amount_cents: saleAmount,
    refund_amount_cents: 0,
    created_at: now,
    updated_at: now,
  };
  store.sales.set(sale.id, sale);
  sender.publish('sale.created', renderSale(store, sale));

  const affiliate = store.affiliates.get(referral.affiliate_id);
  const campaign = store.campaigns.get(affiliate?.campaign_id ?? '') ?? store.defaultCampaign();
  const amount = commissionFor(campaign, saleAmount);
  const commission = {
    id: newUuid(),
    sale_id: sale.id,
    campaign_id: campaign.id,
    amount,
    original_amount: amount,
    currency: sale.currency,
    state: 'pending' as const,
    due_at: isoInDays(campaign.days_until_commissions_are_due),
    paid_at: null,
    voided_at: null,
    created_at: now,
    updated_at: now,
  };
  store.commissions.set(commission.id, commission);
  sender.publish('commission.created', renderCommission(store, commission, 'all'));
  return `sale ${sale.id}, commission ${commission.id} (${amount} ${sale.currency})`;
}
