/**
 * What the Rewardful emulation stores, one record per object. The fields are the REST objects' own (named as
 * Rewardful's docs name them); links between objects are kept as ids and expanded when rendered (render.ts).
 * Sources: campaign https://developers.rewardful.com/rest-api/campaigns/the-campaign-object, affiliate
 * https://developers.rewardful.com/rest-api/affiliates/object (fields from github.com/rewardful/rest-api-docs, 2020),
 * referral https://developers.rewardful.com/rest-api/referrals/object, commission and its sale
 * https://developers.rewardful.com/rest-api/commissions/object.
 */

export type RewardType = 'percent' | 'amount';
export type ConversionState = 'visitor' | 'lead' | 'conversion';
export type CommissionState = 'pending' | 'due' | 'paid' | 'voided';

export interface CampaignRecord {
  id: string;
  name: string;
  url: string;
  private: boolean;
  reward_type: RewardType;
  commission_percent: number | null;
  commission_amount_cents: number | null;
  commission_amount_currency: string | null;
  minimum_payout_cents: number;
  max_commission_period_months: number | null;
  max_commissions: number | null;
  days_before_referrals_expire: number;
  days_until_commissions_are_due: number;
  default: boolean;
  stripe_coupon_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AffiliateRecord {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  paypal_email: string | null;
  state: 'active';
  confirmed_at: string | null;
  stripe_customer_id: string | null;
  stripe_account_id: string | null;
  receive_new_commission_notifications: boolean;
  sign_in_count: number;
  unconfirmed_email: string | null;
  campaign_id: string;
  created_at: string;
  updated_at: string;
}

export interface LinkRecord {
  id: string;
  affiliate_id: string;
  token: string;
  created_at: string;
  updated_at: string;
}

export interface ReferralRecord {
  id: string;
  link_id: string;
  affiliate_id: string;
  visits: number;
  /** The landing page of the visit that created the referral (kept for the harness's click; not a REST field). */
  landing_url: string;
  customer: { id: string; name: string | null; email: string | null; platform: 'stripe' } | null;
  stripe_customer_id: string | null;
  conversion_state: ConversionState;
  became_lead_at: string | null;
  became_conversion_at: string | null;
  deactivated_at: string | null;
  created_at: string;
  expires_at: string;
  updated_at: string;
}

export interface SaleRecord {
  id: string;
  referral_id: string;
  affiliate_id: string;
  currency: string;
  charged_at: string;
  invoiced_at: string | null;
  stripe_charge_id: string;
  charge_amount_cents: number;
  tax_amount_cents: number;
  sale_amount_cents: number;
  refund_amount_cents: number;
  created_at: string;
  updated_at: string;
}

export interface CommissionRecord {
  id: string;
  sale_id: string;
  campaign_id: string;
  amount: number;
  /** The amount when the sale was made: a partial refund recalculates `amount` from it (not a REST field). */
  original_amount: number;
  currency: string;
  state: CommissionState;
  due_at: string;
  paid_at: string | null;
  voided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A webhook endpoint the merchant added on the dashboard's Webhooks page (no REST API: registerMerchantEndpoint). */
export interface EndpointRecord {
  id: string;
  url: string;
  /** Event types it receives; `*` for all. */
  events: string[];
  secret: string;
}

/** One delivery attempt, as the dashboard's webhook log shows it (https://help.rewardful.com/en/articles/3987783-webhooks). */
export interface AttemptRecord {
  endpoint: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: string;
}
