import type { DubStore } from './store';
import type { DubClick, DubCommission, DubCustomer, DubLeadEvent, DubLink, DubSaleEvent } from './objects';
import type { DubWebhookSender } from './webhooks/webhookSender';
import { dubId, nanoid } from './ids';
import { webhookCommission, webhookLead, webhookSale } from './representations';

/**
 * Clicks, leads, sales and commissions, as Dub records them whether they come from the script (`/track/click`), the
 * server-side API (`/track/lead`, `/track/sale`) or the Stripe app: https://dub.co/docs/conversions/quickstart,
 * SRC apps/web/lib/tinybird/record-{click,lead,sale}.ts, apps/web/lib/partners/create-partner-commission.ts.
 */

/** A click on a partner's link: Dub's click id is nanoid(16) (SRC app/(ee)/api/track/click/route.ts). */
export function recordClick(
  store: DubStore,
  link: DubLink,
  details: { url: string; referrer: string | null; ip: string; ua: string },
): DubClick {
  const click: DubClick = {
    id: nanoid(16),
    timestamp: new Date().toISOString(),
    linkId: link.id,
    url: details.url,
    // Dub records a click without a referrer as "(direct)" (SRC lib/middleware/utils/get-referer? guess: the literal).
    referer: details.referrer || '(direct)',
    ip: details.ip,
    ua: details.ua,
  };
  store.clicks.set(click.id, click);
  return click;
}

/**
 * The customer of a click: found by external id, else created (Dub's customer id `cus_…`), attributed to the click's
 * link and partner (SRC lib/api/customers/get-or-create-customer.ts).
 */
export function customerForClick(
  store: DubStore,
  click: DubClick,
  details: { externalId: string; name?: string | null; email?: string | null; stripeCustomerId?: string | null },
): DubCustomer {
  const existing = store.customerByExternalId(details.externalId);
  if (existing) {
    if (details.stripeCustomerId) existing.stripeCustomerId = details.stripeCustomerId;
    return existing;
  }
  const link = store.links.get(click.linkId)!;
  const customer: DubCustomer = {
    id: dubId('cus_'),
    externalId: details.externalId,
    name: details.name ?? null,
    email: details.email ?? null,
    stripeCustomerId: details.stripeCustomerId ?? null,
    linkId: link.id,
    clickId: click.id,
    partnerId: link.partnerId,
    programId: link.programId,
    sales: 0,
    saleAmount: 0,
    createdAt: new Date().toISOString(),
    firstSaleAt: null,
  };
  store.customers.set(customer.id, customer);
  return customer;
}

/** A lead event for the customer from the click; sends `lead.created`. */
export function recordLead(
  store: DubStore,
  sender: DubWebhookSender,
  customer: DubCustomer,
  click: DubClick,
  eventName: string,
  metadata: Record<string, unknown> | null = null,
): DubLeadEvent {
  const lead: DubLeadEvent = {
    eventId: nanoid(16),
    eventName,
    timestamp: new Date().toISOString(),
    clickId: click.id,
    linkId: click.linkId,
    customerId: customer.id,
    metadata,
  };
  store.leads.push(lead);
  sender.publish('lead.created', webhookLead(store, lead));
  return lead;
}

export interface SaleInput {
  customer: DubCustomer;
  amount: number;
  currency: string;
  /** Stripe's invoice id, or the merchant's for `/track/sale`; '' when none (a one-time Checkout without an invoice). */
  invoiceId: string;
  eventName: string;
  paymentProcessor: DubSaleEvent['paymentProcessor'];
  metadata: Record<string, unknown> | null;
}

export type SaleOutcome = { sale: DubSaleEvent; commission: DubCommission | null } | { skipped: string };

/**
 * Records a sale for a customer who has a lead (so a click and a link), and the partner's commission; `invoiceId` is
 * the idempotency key: a second sale with the same one is skipped (SRC checkout-session-completed.ts, track/sale).
 * Sends `sale.created`, then `commission.created`.
 *
 * guess: currency. Dub converts a non-USD sale to USD at the day's FX rate unless Stripe Adaptive Pricing applies
 * (https://dub.co/docs/integrations/stripe; SRC convertCurrency). Offline there is no rate: the emulation keeps the
 * sale's own currency, so a JPY rehearsal against the real Dub would see USD amounts this one does not.
 */
export function recordSale(store: DubStore, sender: DubWebhookSender, input: SaleInput): SaleOutcome {
  const { customer } = input;
  if (input.invoiceId && store.processedInvoices.has(input.invoiceId))
    return { skipped: `Invoice with ID ${input.invoiceId} already processed, skipping...` };
  const lead = [...store.leads].reverse().find((candidate) => candidate.customerId === customer.id);
  if (!lead) return { skipped: `Lead event not found for customer ${customer.id}, skipping...` };
  if (input.invoiceId) store.processedInvoices.add(input.invoiceId);

  const now = new Date().toISOString();
  const sale: DubSaleEvent = {
    eventId: nanoid(16),
    eventName: input.eventName,
    timestamp: now,
    clickId: lead.clickId,
    linkId: lead.linkId,
    customerId: customer.id,
    amount: input.amount,
    currency: input.currency.toLowerCase(),
    invoiceId: input.invoiceId,
    paymentProcessor: input.paymentProcessor,
    metadata: input.metadata,
  };
  store.sales.push(sale);
  customer.sales += 1;
  customer.saleAmount += sale.amount;
  customer.firstSaleAt ??= now;
  sender.publish('sale.created', webhookSale(store, sale));

  const commission = createSaleCommission(store, sale);
  if (commission) sender.publish('commission.created', webhookCommission(store, commission));
  return { sale, commission };
}

/**
 * The partner's commission for a sale, `pending` (https://dub.co/help/article/partner-commissions). Earnings by the
 * program's sale reward: percentage → Math.round(amount × % / 100), flat → quantity × amountInCents (SRC
 * lib/api/sales/calculate-sale-earnings.ts). Recurring sales earn while the reward's maxDuration lasts: 0 = the first
 * sale only, n = sales within n months of the customer's first commission, null = lifetime (SRC
 * create-partner-commission.ts; guess: the month boundary is counted as whole calendar months).
 */
function createSaleCommission(store: DubStore, sale: DubSaleEvent): DubCommission | null {
  const link = store.links.get(sale.linkId);
  if (!link) return null;
  const reward = store.program.saleReward;
  const earlier = [...store.commissions.values()].filter((c) => c.customerId === sale.customerId && c.type === 'sale');
  const first = earlier.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (first && reward.maxDuration !== null) {
    if (reward.maxDuration === 0) return null;
    if (monthsBetween(new Date(first.createdAt), new Date(sale.timestamp)) >= reward.maxDuration) return null;
  }
  const quantity = 1;
  const earnings =
    reward.type === 'percentage'
      ? Math.round((sale.amount * (reward.amountInPercentage ?? 0)) / 100)
      : quantity * (reward.amountInCents ?? 0);
  const commission: DubCommission = {
    id: dubId('cm_'),
    type: 'sale',
    amount: sale.amount,
    earnings,
    currency: sale.currency,
    status: 'pending',
    invoiceId: sale.invoiceId || null,
    description: null,
    quantity,
    userId: null,
    partnerId: link.partnerId,
    programId: link.programId,
    customerId: sale.customerId,
    linkId: link.id,
    eventId: sale.eventId,
    paidAt: null,
    createdAt: sale.timestamp,
    updatedAt: sale.timestamp,
  };
  store.commissions.set(commission.id, commission);
  return commission;
}

function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return to.getUTCDate() < from.getUTCDate() ? months - 1 : months;
}
