import type { Page } from '@playwright/test';
import type { ReferralPlatform, ReferralPlatformFactory, ReferralQuery } from '../../../../model/target/referralPlatform';
import type {
  CommissionRule,
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralList,
  ReferralPartner,
  ReferralProgram,
  ReferralWebhookEvent,
} from '../../../../../contracts/referral';
import { ReferralApiError } from '../../referralApiError';
import { DEFAULT_REWARDFUL_RETRY, RewardfulHttp, type RewardfulRetry } from './rewardfulHttp';
import { REWARDFUL_LIMITS } from './rewardfulLimits';
import { campaignRule, deletedAfterRefund, toClick, toCommission, toConversion, toPartner, toProgram } from './rewardfulMapping';
import type { RewardfulAffiliate, RewardfulCampaign, RewardfulCommission, RewardfulReferral, RewardfulSale } from './rewardfulObjects';
import { isFullSale } from './rewardfulObjects';
import { verifyRewardfulWebhook } from './rewardfulWebhooks';
import { readBrowserReferral } from './browserReferral';

const list = <T>(url: string, data: T[]): ReferralList<T> => ({ object: 'list', data, has_more: false, url });

/**
 * Rewardful (https://developers.rewardful.com/rest-api) as Dress Rehearsal's ReferralPlatform. What maps to what:
 * click ← referral (a visitor through an affiliate link), conversion ← sale, commission ← commission (with its sale),
 * programme ← campaign, partner ← affiliate (key = its link's token). What Rewardful's API cannot show is in `limits`
 * (rewardfulLimits.ts); the members that would need it are left out. Filters Rewardful has are passed through
 * (affiliate_id, state, conversion_state); the others are applied to the results here.
 */
export class RewardfulPlatform implements ReferralPlatform {
  readonly displayName = 'Rewardful';
  readonly limits = REWARDFUL_LIMITS;
  private readonly http: RewardfulHttp;
  private readonly campaigns = new Map<string, Promise<RewardfulCampaign>>();
  /** Every commission this adapter has seen: a full refund deletes it at Rewardful, and the harness still asks for it. */
  private readonly seen = new Map<string, ReferralCommission>();
  /** Every conversion (sale) this adapter has seen: a deleted commission takes its sale out of Rewardful's view. */
  private readonly seenConversions = new Map<string, ReferralConversion>();

  constructor(access: { apiBase: string; secretKey: string }, retry: RewardfulRetry = DEFAULT_REWARDFUL_RETRY) {
    this.http = new RewardfulHttp(access.apiBase, access.secretKey, retry);
  }

  // ── Clicks: referrals ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Referrals, newest first (https://developers.rewardful.com/rest-api/referrals/list). A run-id filter
   * (`metadata[utm_campaign]`) matches nothing: Rewardful keeps no UTM (limits.clicksByRunId).
   */
  async listClicks(query: ReferralQuery = {}): Promise<ReferralList<ReferralClick>> {
    if (query['metadata[utm_campaign]'] !== undefined) return list('/v1/referrals', []);
    const referrals = await this.http.all<RewardfulReferral>(
      '/v1/referrals',
      { expand: ['affiliate'], affiliate_id: query.partner as string | undefined },
      5,
    );
    const clicks = referrals.map(toClick).filter((click) => query.partner_key === undefined || click.partner_key === query.partner_key);
    return list('/v1/referrals', clicks.slice(0, query.limit ?? clicks.length));
  }

  /**
   * One referral. Rewardful documents no "retrieve referral" route (only the object and the list), so the newest
   * referrals are searched (5 pages of 100).
   */
  async retrieveClick(id: string): Promise<ReferralClick> {
    const referrals = await this.http.all<RewardfulReferral>('/v1/referrals', { expand: ['affiliate'] }, 5);
    const found = referrals.find((referral) => referral.id === id);
    if (!found)
      throw new ReferralApiError(404, 'not_found', `Rewardful has no referral ${id} among its 500 newest.`, { code: 'resource_missing' });
    return toClick(found);
  }

  /** The referral id Rewardful's script left in this browser: `Rewardful.referral`, else its `rewardful.referral` cookie. */
  browserClickId(page: Page): Promise<string | undefined> {
    return readBrowserReferral(page);
  }

  // ── Conversions: sales ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Sales, read through their commissions (Rewardful has no sales list: a sale shows as a commission's `sale`).
   * Filters: `click` (the referral), `source_id` / `charge` (the Stripe charge, or the sale's id), `partner`.
   * A checkout session, invoice, payment intent or subscription cannot be matched: Rewardful's sale names only the
   * charge, so those filters return nothing.
   */
  async listConversions(query: ReferralQuery = {}): Promise<ReferralList<ReferralConversion>> {
    const partner = query.partner as string | undefined;
    const commissions = await this.commissionsWithSales(partner);
    const conversions = new Map<string, ReferralConversion>();
    for (const { commission, sale } of commissions) {
      const conversion = toConversion(sale, commission.campaign?.id ?? '');
      conversions.set(sale.id, conversion);
      this.seenConversions.set(sale.id, conversion);
    }
    // A sale whose commission a full refund deleted is still the sale it was.
    for (const [id, conversion] of this.seenConversions) {
      if (!conversions.has(id) && (partner === undefined || conversion.partner === partner)) conversions.set(id, conversion);
    }
    const matching = [...conversions.values()].filter(
      (c) =>
        (query.click === undefined || c.click === query.click) &&
        (query.source_id === undefined || c.source.id === query.source_id || c.id === query.source_id) &&
        (query.charge === undefined || c.source.id === query.charge) &&
        query.payment_intent === undefined &&
        query.subscription === undefined,
    );
    return list('/v1/commissions', matching);
  }

  async retrieveConversion(id: string): Promise<ReferralConversion> {
    const found = (await this.commissionsWithSales()).find(({ sale }) => sale.id === id);
    if (!found)
      throw new ReferralApiError(404, 'not_found', `Rewardful shows no commission with sale ${id}.`, { code: 'resource_missing' });
    return toConversion(found.sale, found.commission.campaign?.id ?? '');
  }

  // ── Commissions ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Commissions with their sales (https://developers.rewardful.com/rest-api/commissions/list, expand[]=sale). Filters:
   * `conversion` (the sale), `partner` (affiliate_id), `status`. A commission deleted after a full refund is listed as
   * refunded when this adapter saw it before.
   */
  async listCommissions(query: ReferralQuery = {}): Promise<ReferralList<ReferralCommission>> {
    const current = await Promise.all(
      (await this.commissionsWithSales(query.partner as string | undefined)).map(({ commission, sale }) =>
        this.mapCommission(commission, sale),
      ),
    );
    const ids = new Set(current.map((c) => c.id));
    const deleted = [...this.seen.values()].filter((c) => !ids.has(c.id)).map((c) => this.rememberDeleted(c));
    const matching = [...current, ...deleted].filter(
      (c) =>
        (query.conversion === undefined || c.conversion === query.conversion) &&
        (query.partner === undefined || c.partner === query.partner) &&
        (query.status === undefined || c.status === query.status),
    );
    return list('/v1/commissions', matching);
  }

  /** One commission (https://developers.rewardful.com/rest-api/commissions/retrieve); a 404 of one seen before is a full refund. */
  async retrieveCommission(id: string): Promise<ReferralCommission> {
    let commission: RewardfulCommission;
    try {
      commission = await this.http.get<RewardfulCommission>(`/v1/commissions/${encodeURIComponent(id)}`, { expand: ['sale'] });
    } catch (error) {
      const last = this.seen.get(id);
      if (error instanceof ReferralApiError && error.status === 404 && last) return this.rememberDeleted(last);
      throw error;
    }
    if (!isFullSale(commission.sale))
      throw new ReferralApiError(502, 'invalid_response', `Rewardful's commission ${id} came without its sale.`);
    return this.mapCommission(commission, commission.sale);
  }

  // ── Programme and partners ───────────────────────────────────────────────────────────────────────────────────

  /** The campaign (GET /v1/campaigns/:id: https://developers.rewardful.com/rest-api/campaigns). */
  async retrieveProgram(id: string): Promise<ReferralProgram> {
    return toProgram(await this.campaign(id));
  }

  /** Affiliates with their links (https://developers.rewardful.com/rest-api/affiliates/list); `key` = a link token. */
  async listPartners(query: ReferralQuery = {}): Promise<ReferralList<ReferralPartner>> {
    const affiliates = await this.http.all<RewardfulAffiliate>('/v1/affiliates', { expand: ['campaign', 'links'] }, 10);
    const key = query.key as string | undefined;
    const matching = affiliates.filter((a) => key === undefined || (a.links ?? []).some((link) => link.token === key));
    return list(
      '/v1/affiliates',
      matching.map((affiliate) => ({ ...toPartner(affiliate), ...(key !== undefined ? { key } : {}) })),
    );
  }

  // ── Webhooks ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** X-Rewardful-Signature (rewardfulWebhooks.ts has the event mapping table). */
  verifyWebhook(rawBody: string, headers: Record<string, string | undefined>, secret: string): ReferralWebhookEvent {
    return verifyRewardfulWebhook(rawBody, headers, secret, (id) => this.seen.get(id));
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────────

  private async commissionsWithSales(affiliateId?: string): Promise<Array<{ commission: RewardfulCommission; sale: RewardfulSale }>> {
    const commissions = await this.http.all<RewardfulCommission>('/v1/commissions', { expand: ['sale'], affiliate_id: affiliateId });
    return commissions.flatMap((commission) => (isFullSale(commission.sale) ? [{ commission, sale: commission.sale }] : []));
  }

  private async mapCommission(commission: RewardfulCommission, sale: RewardfulSale): Promise<ReferralCommission> {
    const rule = await this.ruleOf(commission.campaign?.id);
    const mapped = toCommission(commission, sale, rule);
    this.seen.set(mapped.id, mapped);
    return mapped;
  }

  private rememberDeleted(last: ReferralCommission): ReferralCommission {
    const deleted = last.metadata.rewardful_state === 'deleted' ? last : deletedAfterRefund(last, Math.floor(Date.now() / 1000));
    this.seen.set(deleted.id, deleted);
    return deleted;
  }

  private async ruleOf(campaignId: string | undefined): Promise<CommissionRule | null> {
    if (!campaignId) return null;
    return campaignRule(await this.campaign(campaignId));
  }

  /** A campaign, fetched once per adapter (its rule does not change during a rehearsal). */
  private campaign(id: string): Promise<RewardfulCampaign> {
    let found = this.campaigns.get(id);
    if (!found) {
      found = this.http.get<RewardfulCampaign>(`/v1/campaigns/${encodeURIComponent(id)}`);
      this.campaigns.set(id, found);
      found.catch(() => this.campaigns.delete(id));
    }
    return found;
  }
}

/** The factory rehearsal.config.ts or a target names (`referral: { platform: 'rewardful' }` through the registry). */
export const rewardfulPlatform: ReferralPlatformFactory = (access) => new RewardfulPlatform(access);
