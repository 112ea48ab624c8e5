import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST } from '../events/eventLog';
import { changedFields } from '../resources/changedFields';
import { voidInvoice } from './invoiceActions';
import { customerIdOf, customerNow } from './periods';

/** How long Stripe waits for a subscription's first payment before it is `incomplete_expired`. */
export const INCOMPLETE_EXPIRES_AFTER_S = 23 * 60 * 60;

/**
 * Ends a subscription whose first invoice was not paid within 23 hours, as Stripe does: the open invoice is
 * voided (`invoice.voided`), its PaymentIntent canceled (`payment_intent.canceled`, reason `void_invoice`), and
 * the subscription becomes `incomplete_expired` (a terminal status; `customer.subscription.updated`).
 */
export function expireIncompleteSubscription(services: ProviderServices, subscription: Stripe.Subscription, at: number): void {
  const request = NO_REQUEST;
  const invoiceId = typeof subscription.latest_invoice === 'string' ? subscription.latest_invoice : subscription.latest_invoice?.id;
  const invoice = invoiceId ? services.store.get('invoice', invoiceId) : undefined;
  if (invoice?.status === 'open') voidInvoice(services, invoice, request, at);
  const before = snapshot(subscription);
  subscription.status = 'incomplete_expired';
  subscription.ended_at = at;
  subscription.canceled_at = subscription.canceled_at ?? at;
  const previous = changedFields(before, subscription);
  if (previous) services.events.emit('customer.subscription.updated', subscription, { request, previous });
}

/** When a subscription still `incomplete` is past its 23 hours (at `now`), expires it at its deadline. */
export function expireIfDue(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  now = customerNow(services, customerIdOf(subscription)),
): void {
  const deadline = subscription.created + INCOMPLETE_EXPIRES_AFTER_S;
  if (subscription.status === 'incomplete' && now >= deadline) expireIncompleteSubscription(services, subscription, deadline);
}
