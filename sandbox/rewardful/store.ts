import type Stripe from 'stripe';
import type {
  AffiliateRecord,
  AttemptRecord,
  CampaignRecord,
  CommissionRecord,
  EndpointRecord,
  LinkRecord,
  ReferralRecord,
  SaleRecord,
} from './records';
import { seedAffiliate, seedCampaign } from './seed';

/** A paid invoice whose customer was not yet linked to a referral when it arrived (the checkout links it later). */
export interface HeldInvoice {
  invoice: Stripe.Invoice;
}

/** Everything the emulated Rewardful account knows, in memory, in creation order. */
export class RewardfulStore {
  readonly campaigns = new Map<string, CampaignRecord>();
  readonly affiliates = new Map<string, AffiliateRecord>();
  readonly links = new Map<string, LinkRecord>();
  readonly referrals = new Map<string, ReferralRecord>();
  readonly sales = new Map<string, SaleRecord>();
  readonly commissions = new Map<string, CommissionRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  readonly attempts: AttemptRecord[] = [];
  /** Provider event ids already handled: Stripe may deliver an event more than once. */
  readonly handledProviderEvents = new Set<string>();
  /** Provider customer id → paid invoices waiting for the customer to be linked to a referral. */
  readonly heldInvoices = new Map<string, HeldInvoice[]>();

  constructor(merchantUrl: string) {
    const campaign = seedCampaign(merchantUrl);
    this.campaigns.set(campaign.id, campaign);
    const { affiliate, link } = seedAffiliate();
    this.affiliates.set(affiliate.id, affiliate);
    this.links.set(link.id, link);
  }

  linkByToken(token: string): LinkRecord | undefined {
    return [...this.links.values()].find((link) => link.token === token);
  }

  linksOf(affiliateId: string): LinkRecord[] {
    return [...this.links.values()].filter((link) => link.affiliate_id === affiliateId);
  }

  referralOfCustomer(customerId: string): ReferralRecord | undefined {
    return [...this.referrals.values()].find((referral) => referral.stripe_customer_id === customerId);
  }

  saleOfCharge(chargeId: string): SaleRecord | undefined {
    return [...this.sales.values()].find((sale) => sale.stripe_charge_id === chargeId);
  }

  commissionsOfSale(saleId: string): CommissionRecord[] {
    return [...this.commissions.values()].filter((commission) => commission.sale_id === saleId);
  }

  defaultCampaign(): CampaignRecord {
    return [...this.campaigns.values()].find((campaign) => campaign.default) ?? [...this.campaigns.values()][0]!;
  }
}
