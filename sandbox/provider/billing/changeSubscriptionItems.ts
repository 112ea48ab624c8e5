import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { cardDeclineError } from '../payments/payWithCard';
import { chargedPaymentMethod, createInvoice, issueInvoice, openInvoicePayment, payInvoice } from './invoicing';
import { customerIdOf } from './periods';
import { pendingInvoiceItems, prorate, share, type ItemChange } from './prorations';
import { NO_PAYMENT_METHOD } from './subscribeThroughApi';
import { newSubscriptionItem, periodEnd, planOf } from './subscriptionObject';

/** `proration_behavior` (Stripe's API reference; default `create_prorations`). */
export type ProrationBehavior = 'create_prorations' | 'none' | 'always_invoice';
/** `payment_behavior` on update (`pending_if_incomplete` is refused by the resource: not emulated). */
export type UpdatePaymentBehavior = 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete';

/** One `items[N]` entry of `POST /v1/subscriptions/:id`, its prices already looked up. */
export interface ItemUpdate {
  id?: string;
  price?: Stripe.Price;
  quantity?: number;
  deleted?: boolean;
  param: string;
}

/**
 * Validates `items` against the subscription before anything changes: an `id` must be one of its items, a new item
 * needs a `price`, a price may not be on two items, and every price keeps the subscription's currency and interval
 * (an interval change resets the billing cycle at Stripe, which the sandbox does not emulate: refused with a 400
 * that says so). Returns what each item bills before and after.
 */
export function planItemChanges(subscription: Stripe.Subscription, updates: ItemUpdate[]): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const update of updates) {
    if (update.id === undefined) {
      if (update.deleted) throw invalidRequest('An item without an id cannot be deleted.', { param: `${update.param}[deleted]` });
      if (!update.price)
        throw invalidRequest(`Missing required param: ${update.param}[price].`, {
          param: `${update.param}[price]`,
          code: 'parameter_missing',
        });
      const period = { start: subscription.items.data[0]!.current_period_start, end: periodEnd(subscription) };
      const item = newSubscriptionItem(subscription.id, update.price, update.quantity ?? 1, period.start, period);
      changes.push({ item, before: null, after: { price: update.price, quantity: update.quantity ?? 1 } });
      continue;
    }
    const item = subscription.items.data.find((candidate) => candidate.id === update.id);
    if (!item)
      throw invalidRequest(`Subscription item ${update.id} is not an item of subscription ${subscription.id}.`, {
        param: `${update.param}[id]`,
      });
    const before = { price: item.price, quantity: item.quantity ?? 1 };
    const after = update.deleted ? null : { price: update.price ?? item.price, quantity: update.quantity ?? before.quantity };
    changes.push({ item, before, after });
  }
  const kept = subscription.items.data.filter((item) => !changes.some((c) => c.item.id === item.id)).map((item) => item.price);
  const prices = [...kept, ...changes.flatMap((c) => (c.after ? [c.after.price] : []))];
  if (prices.length === 0) throw invalidRequest('A subscription must keep at least one item. To end it, cancel it.', { param: 'items' });
  if (new Set(prices.map((p) => p.id)).size < prices.length)
    throw invalidRequest('Cannot add multiple subscription items with the same price.', { param: 'items' });
  const cadence = (p: Stripe.Price) => `${p.recurring?.interval}/${p.recurring?.interval_count}`;
  if (prices.some((p) => p.currency !== subscription.currency)) {
    throw invalidRequest('Currency and interval fields must match across all plans on this subscription.', { param: 'items' });
  }
  if (prices.some((p) => cadence(p) !== cadence(subscription.items.data[0]!.price))) {
    throw invalidRequest(
      "The sandbox provider does not emulate changing a subscription's billing interval (Stripe resets its billing cycle).",
      { param: 'items' },
    );
  }
  return changes.filter(
    (c) => c.before === null || c.after === null || c.before.price.id !== c.after.price.id || c.before.quantity !== c.after.quantity,
  );
}

/** What the change's prorations add up to at `at` (negative: a credit), before any is written. */
export function prorationTotal(changes: ItemChange[], at: number): number {
  return changes.reduce((sum, { item, before, after }) => {
    const start = item.current_period_start;
    const end = item.current_period_end;
    if (at >= end) return sum;
    const remaining = end - Math.max(at, start);
    const length = end - start;
    const credit = before ? share((before.price.unit_amount ?? 0) * before.quantity, remaining, length) : 0;
    const debit = after ? share((after.price.unit_amount ?? 0) * after.quantity, remaining, length) : 0;
    return sum + debit - credit;
  }, 0);
}

export interface ChangeOptions {
  prorationBehavior: ProrationBehavior;
  /** When the change is prorated from (`proration_date`, else now on the customer's clock). */
  prorationDate: number;
  paymentBehavior: UpdatePaymentBehavior;
  /** The customer's time now (the invoice's creation). */
  now: number;
}

/**
 * `error_if_incomplete` with `always_invoice`: a change whose invoice could not be paid now is refused (a 402 for a
 * declining card, 400 without a payment method) and nothing changes (Stripe's 2023-08-16 spec: "return an HTTP 402
 * status code if a subscription's invoice cannot be paid … this parameter does not update the subscription").
 */
export function checkPayableNow(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  changes: ItemChange[],
  options: ChangeOptions,
  defaultPaymentMethod: string | null,
): void {
  if (options.prorationBehavior !== 'always_invoice' || options.paymentBehavior !== 'error_if_incomplete') return;
  const pending = pendingInvoiceItems(services, subscription.id).reduce((sum, item) => sum + item.amount, 0);
  const customer = services.store.get('customer', customerIdOf(subscription));
  if (prorationTotal(changes, options.prorationDate) + pending + (customer?.balance ?? 0) <= 0) return;
  const method = chargedPaymentMethod(services, defaultPaymentMethod, customerIdOf(subscription));
  if (!method) throw invalidRequest(NO_PAYMENT_METHOD, { code: 'resource_missing' });
  const outcome = services.store.paymentMethodCards.get(method.id)?.outcome;
  if (outcome?.kind === 'declined') throw cardDeclineError(outcome);
}

/**
 * Applies item changes: the items take their new price and quantity now (same item ids; new items join the current
 * period; deleted ones leave), then `proration_behavior`:
 * - `create_prorations` (default): the credit and debit invoice items stay pending and are billed with the next
 *   invoice (the renewal);
 * - `always_invoice`: they are invoiced at once (`billing_reason: subscription_update`, with any other pending items
 *   of the subscription) and charged per `payment_behavior`: `allow_incomplete` charges the default payment method
 *   (a decline leaves the invoice open and the subscription `past_due`), `default_incomplete` leaves the invoice's
 *   PaymentIntent to be confirmed ("transition the subscription to `status=past_due` when payment is required and
 *   await explicit confirmation of the invoice's payment intent", spec); a credit larger than the debit goes to the customer's
 *   balance (see invoicing.ts);
 * - `none`: no prorations; the next renewal bills the new prices.
 * The caller writes `customer.subscription.updated`.
 */
export function applyItemChanges(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  changes: ItemChange[],
  options: ChangeOptions,
  request: RequestRef,
): void {
  for (const change of changes) {
    if (options.prorationBehavior !== 'none') prorate(services, subscription, change, options.prorationDate, request);
    if (!change.after) {
      subscription.items.data = subscription.items.data.filter((item) => item.id !== change.item.id);
    } else if (!change.before) {
      subscription.items.data.push(change.item);
    } else {
      change.item.price = change.after.price;
      change.item.plan = planOf(change.after.price);
      change.item.quantity = change.after.quantity;
    }
  }
  if (options.prorationBehavior === 'always_invoice') invoiceNow(services, subscription, options, request);
}

function invoiceNow(services: ProviderServices, subscription: Stripe.Subscription, options: ChangeOptions, request: RequestRef): void {
  const customer = services.store.get('customer', customerIdOf(subscription));
  const invoiceItems = pendingInvoiceItems(services, subscription.id);
  if (!customer || invoiceItems.length === 0) return;
  const at = options.now;
  const invoice = createInvoice(services, {
    subscription,
    customer,
    billingReason: 'subscription_update',
    created: at,
    invoicePeriod: { start: at, end: at },
    invoiceItems,
  });
  issueInvoice(services, invoice, at, request);
  if (invoice.amount_due > 0 && options.paymentBehavior === 'default_incomplete') {
    openInvoicePayment(services, invoice, at, request);
    subscription.status = 'past_due';
    return;
  }
  const method = chargedPaymentMethod(services, subscription.default_payment_method, customer.id);
  const paid = payInvoice(services, invoice, { paymentMethod: method }, at, request);
  // `allow_incomplete`: "transition the subscription to `status=past_due` if a payment is required but cannot be paid" (spec).
  if (!paid && subscription.status === 'active') subscription.status = 'past_due';
}
