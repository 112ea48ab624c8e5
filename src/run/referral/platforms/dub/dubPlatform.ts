import type { Page } from '@playwright/test';
import type { ReferralPlatform, ReferralPlatformFactory, ReferralQuery } from '../../../../model/target/referralPlatform';
import type {
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralList,
  ReferralPartner,
  ReferralWebhookEvent,
} from '../../../../../contracts/referral';
import { ReferralApiError } from '../../referralApiError';
import { readDubClickId } from './browserClick';
import { DEFAULT_DUB_RETRY, DubHttp, type DubRetry } from './dubHttp';
import { DUB_LIMITS } from './dubLimits';
import { commissionOfSale, toClick, toCommission, toConversion, toPartner } from './dubMapping';
import type { DubClickEvent, DubCommission, DubPartner, DubSaleEvent } from './dubObjects';
import { verifyDubWebhook } from './dubWebhooks';

const list = <T>(url: string, data: T[]): ReferralList<T> => ({ object: 'list', data, has_more: false, url });

/** How far back lists look: the run's objects are minutes old (`interval` of GET /events). */
const RECENT = '24h';
/** How far back a retrieve by id looks: the cookie window. */
const RETRIEVABLE = '90d';
/** Pages of 100 read before giving up on finding an object by id (Dub has no retrieve-by-id for events or commissions). */
const MAX_PAGES = 10;

/**
 * Dub (Dub Partners, https://dub.co/docs/api-reference) as Dress Rehearsal's ReferralPlatform. What maps to what:
 * click ← click event (GET /events?event=clicks; partner_key = the link's key), conversion ← sale event
 * (GET /events?event=sales), commission ← commission (GET /commissions; amount = earnings, sale_amount = amount),
 * partner ← partner (key = its link's key). No programme (no rewards API), no webhook endpoints and no delivery log:
 * `limits` says so and those members are left out. Dub's events API filters by link, partner and customer only: the
 * harness's filters (click, source_id, payment_intent, subscription, utm_campaign) are applied here to the recent events.
 */
export class DubPlatform implements ReferralPlatform {
  readonly displayName = 'Dub';
  readonly limits = DUB_LIMITS;
  private readonly http: DubHttp;
  /** Every sale event this adapter has seen, by event id: a commission is matched to its sale through them. */
  private readonly sales = new Map<string, DubSaleEvent>();

  constructor(access: { apiBase: string; secretKey: string }, retry: DubRetry = DEFAULT_DUB_RETRY) {
    this.http = new DubHttp(access.apiBase, access.secretKey, retry);
  }

  // ── Clicks: click events ─────────────────────────────────────────────────────────────────────────────────────

  /** Recent clicks, newest first; `metadata[utm_campaign]` and `partner_key` are matched here (against the landing URL, the link). */
  async listClicks(query: ReferralQuery = {}): Promise<ReferralList<ReferralClick>> {
    const events = await this.events<DubClickEvent>('clicks', RECENT, { partnerId: query.partner as string | undefined });
    const campaign = query['metadata[utm_campaign]'];
    const clicks = events
      .map(toClick)
      .filter(
        (click) =>
          (campaign === undefined || click.metadata.utm_campaign === campaign) &&
          (query.partner_key === undefined || click.partner_key === query.partner_key),
      );
    return list('/events?event=clicks', clicks.slice(0, query.limit ?? clicks.length));
  }

  /** One click: Dub has no retrieve-by-id for events, so the last 90 days' clicks are searched (newest first, 1,000 at most). */
  async retrieveClick(id: string): Promise<ReferralClick> {
    const found = (await this.events<DubClickEvent>('clicks', RETRIEVABLE)).find((event) => event.click.id === id);
    if (!found) throw missing(`Dub has no click ${id} among its ${MAX_PAGES * 100} newest of the last 90 days (GET /events?event=clicks).`);
    return toClick(found);
  }

  /** The click id Dub's script left in this browser (its `dub_id` cookie). */
  browserClickId(page: Page): Promise<string | undefined> {
    return readDubClickId(page);
  }

  // ── Conversions: sale events ─────────────────────────────────────────────────────────────────────────────────

  /** Recent sales, newest first, filtered here by `click`, `source_id`, `payment_intent`, `subscription`, `partner`. */
  async listConversions(query: ReferralQuery = {}): Promise<ReferralList<ReferralConversion>> {
    const conversions = (await this.saleEvents(RECENT, { partnerId: query.partner as string | undefined }))
      .map(toConversion)
      .filter(
        (c) =>
          (query.click === undefined || c.click === query.click) &&
          (query.source_id === undefined || c.source.id === query.source_id) &&
          (query.payment_intent === undefined || c.payment_intent === query.payment_intent || c.source.id === query.payment_intent) &&
          (query.subscription === undefined || c.subscription === query.subscription),
      );
    return list('/events?event=sales', conversions.slice(0, query.limit ?? conversions.length));
  }

  async retrieveConversion(id: string): Promise<ReferralConversion> {
    return toConversion(await this.saleEvent(id));
  }

  // ── Commissions ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Commissions, newest first. With `conversion` (a sale event id): that sale's commission, found among its customer's
   * (GET /commissions?customerId=&type=sale, and invoiceId when the sale has one). Otherwise the newest commissions,
   * each matched to a recent sale (conversion '' when none matches).
   */
  async listCommissions(query: ReferralQuery = {}): Promise<ReferralList<ReferralCommission>> {
    if (query.conversion !== undefined) {
      const sale = await this.saleEvent(String(query.conversion));
      const commissions = await this.http.pages<DubCommission>(
        '/commissions',
        { customerId: sale.customer.id, type: 'sale', invoiceId: sale.sale.invoiceId || undefined },
        { sizeParam: 'pageSize', size: 100, maxPages: MAX_PAGES },
      );
      const commission = commissionOfSale(sale, commissions);
      return list(
        '/commissions',
        commission ? [toCommission(commission, { conversion: sale.eventId, program: sale.link.programId ?? '' })] : [],
      );
    }
    const commissions = await this.http.pages<DubCommission>(
      '/commissions',
      { partnerId: query.partner as string | undefined, status: query.status as string | undefined },
      { sizeParam: 'pageSize', size: 100, maxPages: 1 },
    );
    const sales = await this.saleEvents(RECENT);
    const mapped = commissions.map((commission) => this.withSale(commission, sales));
    return list('/commissions', mapped.slice(0, query.limit ?? mapped.length));
  }

  /** One commission: Dub's public API has no GET /commissions/{id}, so the newest 1,000 are searched. */
  async retrieveCommission(id: string): Promise<ReferralCommission> {
    const commissions = await this.http.pages<DubCommission>('/commissions', {}, { sizeParam: 'pageSize', size: 100, maxPages: MAX_PAGES });
    const commission = commissions.find((candidate) => candidate.id === id);
    if (!commission) throw missing(`Dub has no commission ${id} among its ${MAX_PAGES * 100} newest (GET /commissions).`);
    const customerId = commission.customer?.id;
    const sales = customerId ? await this.saleEvents('all', { customerId }) : [];
    return this.withSale(commission, sales);
  }

  // ── Partners ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** Partners of the program (GET /partners, pages of 100); `key` (a link key) and `email` are matched here. */
  async listPartners(query: ReferralQuery = {}): Promise<ReferralList<ReferralPartner>> {
    const partners = await this.http.pages<DubPartner>(
      '/partners',
      { email: query.email as string | undefined, tenantId: query.tenantId as string | undefined },
      { sizeParam: 'pageSize', size: 100, maxPages: MAX_PAGES },
    );
    const mapped = partners
      .filter((partner) => query.key === undefined || (partner.links ?? []).some((link) => link.key === query.key))
      .map(toPartner)
      .map((partner) => (query.key !== undefined ? { ...partner, key: String(query.key) } : partner));
    return list('/partners', mapped.slice(0, query.limit ?? mapped.length));
  }

  // ── Webhooks ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** Dub-Signature (hex HMAC-SHA256 of the raw body); see dubWebhooks.ts for how Dub's events map to the contract's. */
  verifyWebhook(rawBody: string, headers: Record<string, string | undefined>, secret: string): ReferralWebhookEvent {
    return verifyDubWebhook(rawBody, headers, secret);
  }

  // Left out, with the reason in `limits`: retrieveProgram (no rewards API), createWebhookEndpoint,
  // deleteWebhookEndpoint, listWebhookEndpoints, pingWebhookEndpoint (webhooks are set up in the dashboard),
  // listDeliveries (the Webhook Logs tab only).

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────────

  private events<T>(event: 'clicks' | 'sales', interval: string, filters: Record<string, string | undefined> = {}): Promise<T[]> {
    return this.http.pages<T>(
      '/events',
      { event, interval, sortOrder: 'desc', ...filters },
      { sizeParam: 'limit', size: 100, maxPages: MAX_PAGES },
    );
  }

  private async saleEvents(interval: string, filters: Record<string, string | undefined> = {}): Promise<DubSaleEvent[]> {
    const sales = await this.events<DubSaleEvent>('sales', interval, filters);
    for (const sale of sales) this.sales.set(sale.eventId, sale);
    return sales;
  }

  /** A sale event by id: one seen before, else the last 90 days' are searched. */
  private async saleEvent(id: string): Promise<DubSaleEvent> {
    const known = this.sales.get(id) ?? (await this.saleEvents(RETRIEVABLE)).find((sale) => sale.eventId === id);
    if (!known)
      throw missing(`Dub has no sale event ${id} among its ${MAX_PAGES * 100} newest of the last 90 days (GET /events?event=sales).`);
    return known;
  }

  /** The commission with the sale it is for among `sales` (conversion '' and program '' when none is). */
  private withSale(commission: DubCommission, sales: DubSaleEvent[]): ReferralCommission {
    const sale = sales.find((candidate) => commissionOfSale(candidate, [commission]) !== undefined);
    return toCommission(commission, { conversion: sale?.eventId ?? '', program: sale?.link.programId ?? '' });
  }
}

function missing(message: string): ReferralApiError {
  return new ReferralApiError(404, 'not_found', message, { code: 'resource_missing' });
}

/** The factory a target or rehearsal.config.ts names (`referral: { platform: 'dub' }`): REFERRAL_API_BASE = https://api.dub.co, REFERRAL_SECRET_KEY = a `dub_…` API key. */
export const dubPlatform: ReferralPlatformFactory = (access) => new DubPlatform(access);
