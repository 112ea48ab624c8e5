import type { AffiliateRecord, CampaignRecord, CommissionRecord, LinkRecord, ReferralRecord, SaleRecord } from './records';
import type { RewardfulStore } from './store';

/**
 * The REST objects as Rewardful's API writes them, from the store's records. Shapes from the object pages
 * (https://developers.rewardful.com/rest-api/…/object); counters (visitors, leads, conversions) are counted from the
 * referrals, as the examples' totals suggest.
 */
export type Json = Record<string, unknown>;

function counters(referrals: ReferralRecord[]): { visitors: number; leads: number; conversions: number } {
  return {
    visitors: referrals.length,
    leads: referrals.filter((r) => r.conversion_state !== 'visitor').length,
    conversions: referrals.filter((r) => r.conversion_state === 'conversion').length,
  };
}

export function renderCampaign(store: RewardfulStore, campaign: CampaignRecord): Json {
  const affiliates = [...store.affiliates.values()].filter((a) => a.campaign_id === campaign.id).length;
  return { ...campaign, affiliates };
}

/** The campaign as a commission shows it without `expand[]=campaign` (commission object example: id, dates, name). */
function campaignSummary(campaign: CampaignRecord | undefined): Json | null {
  if (!campaign) return null;
  return { id: campaign.id, created_at: campaign.created_at, updated_at: campaign.updated_at, name: campaign.name };
}

export function renderLink(store: RewardfulStore, link: LinkRecord): Json {
  const campaign = store.campaigns.get(store.affiliates.get(link.affiliate_id)?.campaign_id ?? '');
  const referrals = [...store.referrals.values()].filter((r) => r.link_id === link.id);
  return { id: link.id, url: linkUrl(campaign?.url ?? '', link.token), token: link.token, ...counters(referrals) };
}

/** The affiliate link: the campaign's URL with `?via=<token>` (https://developers.rewardful.com/rest-api/affiliate-links/object). */
export function linkUrl(campaignUrl: string, token: string): string {
  try {
    const url = new URL(campaignUrl);
    url.searchParams.set('via', token);
    return url.toString();
  } catch {
    return `${campaignUrl}?via=${encodeURIComponent(token)}`;
  }
}

/** `expand` ∈ campaign, links (https://developers.rewardful.com/rest-api/affiliates/list). */
export function renderAffiliate(store: RewardfulStore, affiliate: AffiliateRecord, expand: ReadonlySet<string> = new Set()): Json {
  const { campaign_id, ...fields } = affiliate;
  const campaign = store.campaigns.get(campaign_id);
  const referrals = [...store.referrals.values()].filter((r) => r.affiliate_id === affiliate.id);
  // guess: without expand the affiliate carries its campaign's summary and its links (the 2020 object example shows both).
  return {
    ...fields,
    ...counters(referrals),
    campaign: expand.has('campaign') && campaign ? renderCampaign(store, campaign) : campaignSummary(campaign),
    links: store.linksOf(affiliate.id).map((link) => renderLink(store, link)),
  };
}

/** `expand` ∈ affiliate (https://developers.rewardful.com/rest-api/referrals/list). */
export function renderReferral(store: RewardfulStore, referral: ReferralRecord, expand: ReadonlySet<string> = new Set()): Json {
  const link = store.links.get(referral.link_id);
  const affiliate = store.affiliates.get(referral.affiliate_id);
  const { link_id, affiliate_id, landing_url, ...fields } = referral;
  void link_id;
  void landing_url;
  return {
    ...fields,
    stripe_account_id: referral.stripe_customer_id ? 'acct_rewardful_sandbox' : null,
    link: link ? renderLink(store, link) : null,
    // guess: without expand, the affiliate is its id and names (the referral object example nests the affiliate).
    affiliate: affiliate
      ? expand.has('affiliate')
        ? renderAffiliate(store, affiliate)
        : { id: affiliate_id, first_name: affiliate.first_name, last_name: affiliate.last_name, email: affiliate.email }
      : null,
  };
}

export function renderSale(store: RewardfulStore, sale: SaleRecord): Json {
  const referral = store.referrals.get(sale.referral_id);
  const affiliate = store.affiliates.get(sale.affiliate_id);
  const { referral_id, affiliate_id, ...fields } = sale;
  void referral_id;
  void affiliate_id;
  return {
    ...fields,
    stripe_account_id: 'acct_rewardful_sandbox',
    referral: referral ? renderReferral(store, referral) : null,
    affiliate: affiliate ? renderAffiliate(store, affiliate) : null,
  };
}

/**
 * `expand` ∈ sale, campaign (https://developers.rewardful.com/rest-api/commissions/list). The retrieve answer is the
 * whole object example (sale and campaign summary); guess: a list item without `expand[]=sale` carries the sale's id only.
 */
export function renderCommission(store: RewardfulStore, commission: CommissionRecord, expand: ReadonlySet<string> | 'all'): Json {
  const { sale_id, campaign_id, original_amount, ...fields } = commission;
  void original_amount;
  const sale = store.sales.get(sale_id);
  const campaign = store.campaigns.get(campaign_id);
  const withSale = expand === 'all' || expand.has('sale');
  const withCampaign = expand !== 'all' && expand.has('campaign');
  return {
    ...fields,
    campaign: withCampaign && campaign ? renderCampaign(store, campaign) : campaignSummary(campaign),
    sale: withSale && sale ? renderSale(store, sale) : { id: sale_id },
  };
}
