import Stripe from 'stripe';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';

/** What one subscription item bills per period before and after a change (0 when it did not exist, or is deleted). */
export interface ItemChange {
  item: Stripe.SubscriptionItem;
  before: { price: Stripe.Price; quantity: number } | null;
  after: { price: Stripe.Price; quantity: number } | null;
}

/**
 * Stripe's proration of a change at `at` inside the item's current period (docs.stripe.com/billing/subscriptions/
 * prorations: "-5 USD for unused time on the initial price, and 10 USD for the remaining time on the new price";
 * docs.stripe.com/billing/scripts/prorations: "Stripe calculates proration down to the second based on the starting
 * timestamp of the billing period and the timestamp of the proration's triggering event"): a credit of the old
 * amount × remaining / period and a debit of the new amount × remaining / period, each an invoice item with
 * `proration: true`, `discountable: false` and `period` = [at, period end], written with `invoiceitem.created`.
 * Each amount is exact in integers, rounded half up to the minor unit (Stripe's rounding of a half unit is not
 * documented: the one simplification). Nothing is prorated at or after the period's end.
 */
export function prorate(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  change: ItemChange,
  at: number,
  request: RequestRef,
): Stripe.InvoiceItem[] {
  const { item } = change;
  const start = item.current_period_start;
  const end = item.current_period_end;
  if (at >= end || end <= start) return [];
  const remaining = end - Math.max(at, start);
  const length = end - start;
  const items: Stripe.InvoiceItem[] = [];
  if (change.before) {
    const amount = -share(unitAmount(change.before.price) * change.before.quantity, remaining, length);
    items.push(
      invoiceItem(
        services,
        subscription,
        item,
        change.before,
        amount,
        `Unused time on ${label(services, change.before)} after ${day(at)}`,
        at,
        creditedLines(services, subscription, item),
      ),
    );
  }
  if (change.after) {
    const amount = share(unitAmount(change.after.price) * change.after.quantity, remaining, length);
    items.push(
      invoiceItem(
        services,
        subscription,
        item,
        change.after,
        amount,
        `Remaining time on ${label(services, change.after)} after ${day(at)}`,
        at,
        null,
      ),
    );
  }
  for (const added of items) {
    services.store.add('invoiceitem', added);
    services.events.emit('invoiceitem.created', added, { request });
  }
  return items;
}

/** The subscription's invoice items not yet on an invoice, oldest first: what its next invoice sweeps in. */
export function pendingInvoiceItems(services: ProviderServices, subscriptionId: string): Stripe.InvoiceItem[] {
  return services.store
    .all('invoiceitem')
    .filter((item) => item.invoice === null && item.parent?.subscription_details?.subscription === subscriptionId)
    .reverse();
}

/** `amount × remaining / length`, rounded half up, exact (BigInt: no float error however long the period). */
export function share(amount: number, remaining: number, length: number): number {
  const numerator = BigInt(amount) * BigInt(remaining) * 2n + BigInt(length);
  return Number(numerator / (2n * BigInt(length)));
}

function unitAmount(price: Stripe.Price): number {
  return price.unit_amount ?? 0;
}

/** "Pro" or "2 × Pro" (the product's name; Stripe's wording of proration lines, the sandbox's reading of it). */
function label(services: ProviderServices, billed: { price: Stripe.Price; quantity: number }): string {
  const productId = typeof billed.price.product === 'string' ? billed.price.product : billed.price.product.id;
  const name = services.store.get('product', productId)?.name ?? productId;
  return billed.quantity === 1 ? name : `${billed.quantity} × ${name}`;
}

/** "15 May 2032" (UTC). */
function day(at: number): string {
  return new Date(at * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The invoice lines that billed this item's current period: what a credit proration credits. */
function creditedLines(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
): { invoice: string; invoice_line_items: string[] } | null {
  for (const invoice of services.store.all('invoice')) {
    if (invoice.parent?.subscription_details?.subscription !== subscription.id) continue;
    const lines = invoice.lines.data.filter((line) => {
      const details = line.parent?.subscription_item_details;
      return (
        details?.subscription_item === item.id &&
        !details.proration &&
        line.period.start <= item.current_period_start &&
        line.period.end >= item.current_period_end
      );
    });
    if (lines.length > 0) return { invoice: invoice.id, invoice_line_items: lines.map((line) => line.id) };
  }
  return null;
}

function invoiceItem(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
  billed: { price: Stripe.Price; quantity: number },
  amount: number,
  description: string,
  at: number,
  credited: { invoice: string; invoice_line_items: string[] } | null,
): Stripe.InvoiceItem {
  const product = typeof billed.price.product === 'string' ? billed.price.product : billed.price.product.id;
  return {
    id: newId('ii'),
    object: 'invoiceitem',
    amount,
    currency: billed.price.currency,
    customer: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
    customer_account: null,
    date: at,
    description,
    discountable: false,
    discounts: [],
    invoice: null,
    livemode: services.store.livemode,
    metadata: {},
    parent: { subscription_details: { subscription: subscription.id, subscription_item: item.id }, type: 'subscription_details' },
    period: { start: at, end: item.current_period_end },
    pricing: {
      price_details: { price: billed.price.id, product },
      type: 'price_details',
      unit_amount_decimal: billed.price.unit_amount_decimal,
    },
    proration: true,
    proration_details: {
      credited_items: credited ? { type: 'invoice_line_items', invoice_line_item_details: credited } : null,
      discount_amounts: [],
    },
    quantity: billed.quantity,
    quantity_decimal: Stripe.Decimal.from(String(billed.quantity)),
    tax_rates: [],
    test_clock: subscription.test_clock,
  };
}
