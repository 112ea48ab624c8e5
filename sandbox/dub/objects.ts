/**
 * Dub's objects as the emulation keeps them and its API returns them. Shapes from the `dub` npm SDK's types
 * (dub@0.73.5: models/operations/listevents.d.ts, listcommissions.d.ts, listpartners.d.ts) and Dub's zod schemas
 * (github.com/dubinc/dub apps/web/lib/zod/schemas/{commissions,partners,customers,sales,leads}.ts); only the fields an
 * adapter or the demo shop reads are kept. Times are ISO strings, amounts integers in minor units, as Dub's API has them.
 */

/** Commission statuses: prisma enum CommissionStatus (SRC packages/prisma/schema/commission.prisma; SDK CommissionCreatedEventStatus). */
export const DUB_COMMISSION_STATUSES = ['pending', 'processed', 'paid', 'refunded', 'duplicate', 'fraud', 'canceled', 'hold'] as const;
export type DubCommissionStatus = (typeof DUB_COMMISSION_STATUSES)[number];

/** A sale reward: `percentage` (amountInPercentage) or `flat` (amountInCents); maxDuration in months, null = lifetime (SRC zod/schemas/rewards.ts). */
export interface DubReward {
  id: string;
  event: 'sale';
  type: 'percentage' | 'flat';
  amountInPercentage: number | null;
  amountInCents: number | null;
  maxDuration: number | null;
}

export interface DubProgram {
  id: string;
  name: string;
  /** The program's short-link domain, e.g. `refer.example.com`: the script's `data-domains` `refer`. */
  domain: string;
  defaultGroupId: string;
  saleReward: DubReward;
}

export interface DubPartner {
  id: string;
  name: string;
  email: string;
  image: string | null;
  country: string | null;
  tenantId: string | null;
  programId: string;
  groupId: string;
  status: 'approved';
  createdAt: string;
}

export interface DubLink {
  id: string;
  domain: string;
  key: string;
  url: string;
  shortLink: string;
  programId: string;
  partnerId: string;
  tenantId: string | null;
  externalId: string | null;
  createdAt: string;
}

export interface DubClick {
  id: string;
  timestamp: string;
  linkId: string;
  /** The page the click landed on (the script sends `window.location.href`). */
  url: string;
  /** `document.referrer`, or `(direct)` as Dub records a click without one. */
  referer: string;
  ip: string;
  ua: string;
}

export interface DubCustomer {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  stripeCustomerId: string | null;
  linkId: string | null;
  clickId: string | null;
  partnerId: string | null;
  programId: string | null;
  sales: number;
  saleAmount: number;
  createdAt: string;
  firstSaleAt: string | null;
}

export interface DubLeadEvent {
  eventId: string;
  eventName: string;
  timestamp: string;
  clickId: string;
  linkId: string;
  customerId: string;
  metadata: Record<string, unknown> | null;
}

export interface DubSaleEvent {
  eventId: string;
  eventName: string;
  timestamp: string;
  clickId: string;
  linkId: string;
  customerId: string;
  amount: number;
  currency: string;
  /** Stripe's invoice id (checkout-session-completed.ts: `checkoutSession.invoice`), `""` when the sale had none. */
  invoiceId: string;
  paymentProcessor: 'stripe' | 'custom' | 'shopify' | 'polar' | 'paddle' | 'apple' | 'revenuecat' | 'dub';
  /** The Stripe integration stores `{ checkoutSession }` or `{ invoice }` here (SRC checkout-session-completed.ts, invoice-paid.ts). */
  metadata: Record<string, unknown> | null;
}

export interface DubCommission {
  id: string;
  type: 'sale' | 'lead' | 'click' | 'custom' | 'referral';
  /** The sale amount. */
  amount: number;
  /** What the partner earns. */
  earnings: number;
  currency: string;
  status: DubCommissionStatus;
  invoiceId: string | null;
  description: string | null;
  quantity: number;
  userId: string | null;
  partnerId: string;
  programId: string;
  customerId: string | null;
  linkId: string | null;
  /** The sale event the commission is for (prisma Commission.eventId); not in the API's response. */
  eventId: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A webhook endpoint as the dashboard creates it (no public API): secret `whsec_…` (SRC lib/webhook/constants/secret). */
export interface DubWebhookEndpoint {
  id: string;
  url: string;
  triggers: string[];
  secret: string;
  disabledAt: string | null;
  consecutiveFailures: number;
}

/** One attempt at a webhook: the dashboard's "Webhook Logs" row (SRC app/api/webhooks/[webhookId]/events/route.ts). */
export interface DubWebhookAttempt {
  webhookId: string;
  url: string;
  event: string;
  eventId: string;
  attempt: number;
  httpStatus: number | null;
  error: string | null;
  timestamp: string;
  nextAttemptAt: string | null;
}
