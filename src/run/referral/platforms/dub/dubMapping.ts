import type {
  CommissionStatus,
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralPartner,
} from '../../../../../contracts/referral';
import type { DubClickEvent, DubCommission, DubCommissionStatus, DubPartner, DubSaleEvent } from './dubObjects';

/** Dub's objects in the contract's shapes (contracts/referral.ts). Times: ISO → Unix seconds. */

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The script's cookie lifetime (`dub_id`, 90 days: https://dub.co/docs/sdks/client-side/introduction); Dub returns no expiry. */
const COOKIE_WINDOW_SECONDS = 90 * 24 * 60 * 60;

/**
 * A click event: partner_key = the link's key (the `?via=` value), landing_url = the page the script reported,
 * metadata = the landing URL's utm_* parameters (so the run id shows as utm_campaign), expires_at = the cookie's
 * default lifetime (guess: Dub states no click expiry).
 */
export function toClick(event: DubClickEvent): ReferralClick {
  const created = seconds(event.click.timestamp || event.timestamp);
  return {
    id: event.click.id,
    object: 'click',
    partner: event.link.partnerId ?? '',
    partner_key: event.link.key,
    program: event.link.programId ?? '',
    landing_url: event.click.url,
    referrer: referrerOf(event.click),
    metadata: utmOf(event.click.url),
    created,
    expires_at: created + COOKIE_WINDOW_SECONDS,
  };
}

function referrerOf(click: { referer: string; refererUrl: string }): string | null {
  if (!click.referer || click.referer === '(direct)') return null;
  return click.refererUrl || click.referer;
}

function utmOf(url: string): Record<string, string> {
  try {
    return Object.fromEntries([...new URL(url).searchParams].filter(([name]) => name.startsWith('utm_')));
  } catch {
    return {};
  }
}

type StripeRef = string | { id?: string } | null | undefined;
const idOf = (value: StripeRef): string | null => (typeof value === 'string' ? value : (value?.id ?? null));

/** What Dub's Stripe app stored with the sale: the Checkout Session or the invoice (SRC checkout-session-completed.ts, invoice-paid.ts). */
function stripeObjects(sale: DubSaleEvent): { session?: Record<string, unknown>; invoice?: Record<string, unknown> } {
  const metadata = sale.metadata ?? {};
  const session = metadata.checkoutSession;
  const invoice = metadata.invoice;
  return {
    ...(session && typeof session === 'object' ? { session: session as Record<string, unknown> } : {}),
    ...(invoice && typeof invoice === 'object' ? { invoice: invoice as Record<string, unknown> } : {}),
  };
}

/**
 * A sale event. id = Dub's event id. source: the sale's `invoiceId` when Stripe's (`in_…`: a subscription's or an
 * invoiced Checkout's), else the Checkout Session Dub's Stripe app stored with the sale, else the `invoiceId` the
 * merchant gave `/track/sale` (`pi_…` → payment intent, `cs_…` → checkout session, anything else → invoice).
 * payment_intent and subscription come from the stored Stripe object only: null when Dub does not say (an invoice's
 * payment intent is not in its payload since Stripe's 2025-03-31 API). provider_event: null (Dub keeps no event id).
 */
export function toConversion(sale: DubSaleEvent): ReferralConversion {
  const { session, invoice } = stripeObjects(sale);
  const invoiceId = sale.sale.invoiceId || '';
  const sessionId = idOf(session?.id as StripeRef);
  const source = sourceOf(invoiceId, sessionId);
  const invoiceParent = invoice?.parent as { subscription_details?: { subscription?: StripeRef } } | null | undefined;
  const subscription =
    idOf(session?.subscription as StripeRef) ??
    idOf(invoiceParent?.subscription_details?.subscription) ??
    idOf(invoice?.subscription as StripeRef);
  const paymentIntent = idOf(session?.payment_intent as StripeRef) ?? (source.type === 'payment_intent' ? source.id : null);
  const livemode = (session?.livemode ?? invoice?.livemode) as boolean | undefined;
  return {
    id: sale.eventId,
    object: 'conversion',
    click: sale.click?.id ?? sale.clickId ?? null,
    partner: sale.link.partnerId ?? '',
    program: sale.link.programId ?? '',
    source,
    subscription,
    payment_intent: paymentIntent,
    customer_email: sale.customer.email ?? null,
    amount: sale.sale.amount,
    currency: (sale.sale.currency ?? 'usd').toLowerCase(),
    provider_event: null,
    // Dub has no test mode of its own; the Stripe object says which mode the sale was in (guess: live when unknown).
    livemode: livemode ?? true,
    metadata: { dub_event_name: sale.eventName, dub_customer: sale.customer.id },
    created: seconds(sale.timestamp),
  };
}

function sourceOf(invoiceId: string, sessionId: string | null): ReferralConversion['source'] {
  if (invoiceId.startsWith('in_')) return { type: 'invoice', id: invoiceId };
  if (sessionId) return { type: 'checkout.session', id: sessionId };
  if (invoiceId.startsWith('pi_')) return { type: 'payment_intent', id: invoiceId };
  if (invoiceId.startsWith('cs_')) return { type: 'checkout.session', id: invoiceId };
  return { type: 'invoice', id: invoiceId };
}

/** Dub's commission statuses are the contract's, one for one (SRC prisma CommissionStatus). */
const STATUS: Record<DubCommissionStatus, CommissionStatus> = {
  pending: 'pending',
  processed: 'processed',
  paid: 'paid',
  refunded: 'refunded',
  duplicate: 'duplicate',
  fraud: 'fraud',
  canceled: 'canceled',
  hold: 'hold',
};

/**
 * A commission: amount = `earnings`, sale_amount = `amount`. Dub refunds the whole commission on any refund and keeps
 * its earnings figure, so a `refunded` commission is shown as nothing left (amount 0) on the whole sale refunded;
 * original_amount = `earnings`. rule: Dub's commission does not name its reward, so the commission itself is given as
 * a flat rule (never read to check an amount). `conversion` and `program` come from the sale it was matched to.
 */
export function toCommission(commission: DubCommission, context: { conversion: string; program: string }): ReferralCommission {
  const refunded = commission.status === 'refunded';
  return {
    id: commission.id,
    object: 'commission',
    conversion: context.conversion,
    partner: commission.partner.id,
    program: context.program,
    status: STATUS[commission.status],
    amount: refunded ? 0 : commission.earnings,
    original_amount: commission.earnings,
    currency: commission.currency.toLowerCase(),
    sale_amount: commission.amount,
    refunded_sale_amount: refunded ? commission.amount : 0,
    rule: { type: 'flat', amount: commission.earnings },
    hold_until: null,
    metadata: { dub_type: commission.type ?? 'sale', ...(commission.invoiceId ? { dub_invoice_id: commission.invoiceId } : {}) },
    created: seconds(commission.createdAt),
    updated: seconds(commission.updatedAt),
  };
}

/**
 * The commission of a sale: the one with the sale's invoice id when it has one (Dub's idempotency key); else, among
 * the customer's sale commissions without an invoice for the same amount, the one created nearest the sale (within a
 * minute: guess: Dub's API links a commission to its sale event only internally, `Commission.eventId`).
 */
export function commissionOfSale(sale: DubSaleEvent, commissions: DubCommission[]): DubCommission | undefined {
  const candidates = commissions.filter(
    (c) => (c.type ?? 'sale') === 'sale' && (c.customer?.id === undefined || c.customer.id === sale.customer.id),
  );
  if (sale.sale.invoiceId) return candidates.find((c) => c.invoiceId === sale.sale.invoiceId);
  const at = Date.parse(sale.timestamp);
  return candidates
    .filter((c) => !c.invoiceId && c.amount === sale.sale.amount && Math.abs(Date.parse(c.createdAt) - at) <= 60_000)
    .sort((a, b) => Math.abs(Date.parse(a.createdAt) - at) - Math.abs(Date.parse(b.createdAt) - at))[0];
}

/** A partner: key = its (first) link's key, the value its `?via=` links carry. */
export function toPartner(partner: DubPartner): ReferralPartner {
  return {
    id: partner.id,
    object: 'partner',
    key: partner.links?.[0]?.key ?? '',
    name: partner.name,
    program: partner.programId,
    ...(partner.status === 'approved' ? { status: 'approved' as const } : {}),
    metadata: partner.tenantId ? { tenant_id: partner.tenantId } : {},
    created: seconds(partner.createdAt),
    email: partner.email,
    dub_status: partner.status,
  };
}
