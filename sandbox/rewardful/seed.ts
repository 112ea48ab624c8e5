import type { AffiliateRecord, CampaignRecord, LinkRecord } from './records';
import { isoNow } from './ids';

/** The demo programme every emulated account starts with: the demo shop's partner `alice` at 20 %. */
export const SEED_IDS = {
  campaign: '6c1f4a8e-2d35-4f0b-9d8e-20aa0c1f0001',
  affiliate: '6c1f4a8e-2d35-4f0b-9d8e-20aa0c1f0002',
  link: '6c1f4a8e-2d35-4f0b-9d8e-20aa0c1f0003',
  /** The link token (`?via=alice`): the partner key targets/demo opens its referral link with. */
  token: 'alice',
} as const;

export function seedCampaign(merchantUrl: string): CampaignRecord {
  const now = isoNow();
  return {
    id: SEED_IDS.campaign,
    name: 'Demo partner program',
    url: merchantUrl,
    private: false,
    reward_type: 'percent',
    commission_percent: 20,
    commission_amount_cents: null,
    commission_amount_currency: null,
    minimum_payout_cents: 0,
    max_commission_period_months: null,
    max_commissions: null,
    // guess: the examples' referrals expire 60 days after they are created (referral object example).
    days_before_referrals_expire: 60,
    // Default pending period 30 days: https://rewardful.com/automated-refund-handling
    days_until_commissions_are_due: 30,
    default: true,
    stripe_coupon_id: null,
    created_at: now,
    updated_at: now,
  };
}

export function seedAffiliate(): { affiliate: AffiliateRecord; link: LinkRecord } {
  const now = isoNow();
  return {
    affiliate: {
      id: SEED_IDS.affiliate,
      first_name: 'Alice',
      last_name: 'Partner',
      email: 'alice@partners.example',
      paypal_email: null,
      state: 'active',
      confirmed_at: now,
      stripe_customer_id: null,
      stripe_account_id: null,
      receive_new_commission_notifications: true,
      sign_in_count: 0,
      unconfirmed_email: null,
      campaign_id: SEED_IDS.campaign,
      created_at: now,
      updated_at: now,
    },
    link: { id: SEED_IDS.link, affiliate_id: SEED_IDS.affiliate, token: SEED_IDS.token, created_at: now, updated_at: now },
  };
}
