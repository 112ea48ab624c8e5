/**
 * Dub's API objects as the adapter reads them (dub@0.73.5 SDK: models/operations/listevents.d.ts,
 * listcommissions.d.ts, listpartners.d.ts; github.com/dubinc/dub apps/web/lib/zod/schemas/*.ts). Only the fields the
 * mapping reads; times are ISO strings, amounts minor units.
 */

export interface DubApiLink {
  id: string;
  domain: string;
  key: string;
  url: string;
  programId: string | null;
  partnerId: string | null;
  tenantId: string | null;
}

export interface DubApiClick {
  id: string;
  timestamp: string;
  url: string;
  referer: string;
  refererUrl: string;
}

export interface DubApiCustomer {
  id: string;
  externalId: string;
  email?: string | null;
  stripeCustomerId?: string | null;
}

/** GET /events?event=clicks item (SDK ClickEvent). */
export interface DubClickEvent {
  event: 'click';
  timestamp: string;
  click: DubApiClick;
  link: DubApiLink;
}

/** GET /events?event=sales item (SDK SaleEvent). */
export interface DubSaleEvent {
  event: 'sale';
  timestamp: string;
  eventId: string;
  eventName: string;
  sale: { amount: number; invoiceId: string | null; paymentProcessor: string; currency?: string | null };
  /** The Stripe app stores `{ checkoutSession }` or `{ invoice }` (SRC checkout-session-completed.ts, invoice-paid.ts). */
  metadata?: Record<string, unknown> | null;
  link: DubApiLink;
  click: DubApiClick | null;
  customer: DubApiCustomer;
  clickId?: string;
}

export const DUB_COMMISSION_STATUSES = ['pending', 'processed', 'paid', 'refunded', 'duplicate', 'fraud', 'canceled', 'hold'] as const;
export type DubCommissionStatus = (typeof DUB_COMMISSION_STATUSES)[number];

/** GET /commissions item (SRC CommissionEnrichedSchema). */
export interface DubCommission {
  id: string;
  type?: 'click' | 'lead' | 'sale' | 'referral' | 'custom';
  /** The sale amount. */
  amount: number;
  /** The partner's commission. */
  earnings: number;
  currency: string;
  status: DubCommissionStatus;
  invoiceId: string | null;
  createdAt: string;
  updatedAt: string;
  partner: { id: string };
  customer?: DubApiCustomer | null;
}

/** GET /partners item (SRC EnrolledPartnerSchema, subset). */
export interface DubPartner {
  id: string;
  name: string;
  email: string | null;
  tenantId: string | null;
  programId: string;
  status: string;
  createdAt: string;
  links?: { id: string; domain: string; key: string; shortLink: string; url: string }[] | null;
}
