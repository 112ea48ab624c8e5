/**
 * Rewardful's REST objects, the fields this adapter reads (https://developers.rewardful.com/rest-api: the referral,
 * commission, campaign and affiliate object pages; the sale as a commission embeds it). Ids are UUIDs, times ISO 8601,
 * amounts integer minor units, currencies uppercase ("USD").
 */

export interface RewardfulPage<T> {
  pagination: { current_page: number; next_page: number | null; total_pages: number; total_count: number };
  data: T[];
}

export interface RewardfulCampaign {
  id: string;
  name: string;
  url?: string;
  reward_type?: 'amount' | 'percent';
  commission_percent?: number | null;
  commission_amount_cents?: number | null;
  commission_amount_currency?: string | null;
  days_before_referrals_expire?: number;
  days_until_commissions_are_due?: number;
  max_commission_period_months?: number | null;
  created_at: string;
}

export interface RewardfulLink {
  id: string;
  url: string;
  token: string;
}

export interface RewardfulAffiliate {
  id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  campaign?: { id: string; name?: string } | null;
  links?: RewardfulLink[];
  created_at?: string;
}

export interface RewardfulReferral {
  id: string;
  link?: RewardfulLink | null;
  coupon?: { token?: string } | null;
  customer?: { id?: string; name?: string | null; email?: string | null } | null;
  affiliate?: RewardfulAffiliate | null;
  conversion_state: 'visitor' | 'lead' | 'conversion';
  stripe_customer_id?: string | null;
  created_at: string;
  expires_at: string;
  updated_at?: string;
}

export interface RewardfulSale {
  id: string;
  currency: string;
  stripe_charge_id: string;
  charge_amount_cents: number;
  tax_amount_cents: number;
  sale_amount_cents: number;
  refund_amount_cents: number;
  charged_at?: string;
  created_at: string;
  updated_at?: string;
  referral?: RewardfulReferral | null;
  affiliate?: RewardfulAffiliate | null;
}

export type RewardfulCommissionState = 'pending' | 'due' | 'paid' | 'voided';

export interface RewardfulCommission {
  id: string;
  amount: number;
  currency: string;
  state: RewardfulCommissionState;
  due_at: string | null;
  paid_at?: string | null;
  voided_at?: string | null;
  campaign?: { id: string; name?: string } | null;
  sale?: RewardfulSale | { id: string } | null;
  created_at: string;
  updated_at: string;
}

/** A webhook's body: https://developers.rewardful.com/webhooks/requests. */
export interface RewardfulWebhookBody {
  object: Record<string, unknown>;
  event: { id: string; type: string; created_at: string; api_version?: string };
  request?: { id: string };
}

export function isFullSale(sale: RewardfulCommission['sale']): sale is RewardfulSale {
  return !!sale && 'stripe_charge_id' in sale;
}
