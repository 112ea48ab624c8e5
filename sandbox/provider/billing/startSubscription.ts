import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { setCancelAtPeriodEnd } from './cancelSubscription';
import type { DiscountSource } from './discounts';
import { createInvoice, issueInvoice } from './invoicing';
import { attachDiscounts, discountsForInvoice } from './subscriptionDiscounts';
import { clockOf } from './periods';
import { newSubscription, periodEnd, type SubscriptionFields } from './subscriptionObject';

export type NewSubscriptionFields = Omit<SubscriptionFields, 'testClock' | 'livemode'> & {
  cancelAtPeriodEnd?: boolean;
  /** A coupon or promotion code to start with (Checkout's `discounts`, `POST /v1/subscriptions` `discounts`). */
  discounts?: DiscountSource[];
};

/**
 * Starts a subscription for a customer at `fields.start` (its clock time, or now), in Stripe's order:
 * `customer.subscription.created` (`incomplete`, its first invoice already its `latest_invoice`), then the
 * `subscription_create` invoice's `invoice.created` and `invoice.finalized` (open). Paying that invoice is
 * the caller's business (Checkout's card, a default payment method, or the customer confirming its intent).
 */
export function startSubscription(
  services: ProviderServices,
  customer: Stripe.Customer,
  fields: NewSubscriptionFields,
  request: RequestRef,
): { subscription: Stripe.Subscription; invoice: Stripe.Invoice } {
  const { cancelAtPeriodEnd, discounts, ...subscriptionFields } = fields;
  const subscription = services.store.add(
    'subscription',
    newSubscription({ ...subscriptionFields, testClock: clockOf(services, customer.id)?.id ?? null, livemode: services.store.livemode }),
  );
  if (cancelAtPeriodEnd) setCancelAtPeriodEnd(subscription, true, fields.start);
  const at = fields.start;
  attachDiscounts(services, subscription, discounts ?? [], at);
  const invoice = createInvoice(services, {
    subscription,
    customer,
    billingReason: 'subscription_create',
    created: at,
    servicePeriod: { start: at, end: periodEnd(subscription) },
    invoicePeriod: { start: at, end: at },
    discounts: discountsForInvoice(services, subscription, at),
  });
  services.events.emit('customer.subscription.created', subscription, { request });
  issueInvoice(services, invoice, at, request);
  return { subscription, invoice };
}
