import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST } from '../events/eventLog';
import { cancelSubscription, setCancelAtPeriodEnd } from '../billing/cancelSubscription';
import { storeCardPaymentMethod } from '../billing/paymentMethodObject';
import { customerIdOf, customerNow } from '../billing/periods';
import type { BillingDetails } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';
import { changedFields } from '../resources/changedFields';
import { CANCELLABLE_STATUSES } from './portalFlowParams';

// What the customer does in the portal, as Stripe records it: changes made on a Stripe-hosted page, so every event's
// `request` has null ids (as for the hosted Checkout page).

/**
 * Cancels as the configuration says (`features.subscription_cancel.mode`): `at_period_end` sets
 * `cancel_at_period_end` (and `cancel_at`, `canceled_at`, reason `cancellation_requested`) and writes
 * `customer.subscription.updated`; `immediately` ends it now and writes `customer.subscription.deleted`. No
 * proration either way (the sandbox emulates none).
 */
export function cancelFromPortal(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  mode: Stripe.BillingPortal.Configuration.Features.SubscriptionCancel.Mode,
): void {
  const now = customerNow(services, customerIdOf(subscription));
  if (mode === 'immediately') {
    cancelSubscription(services, subscription, now, NO_REQUEST);
    return;
  }
  updateSubscription(services, subscription, () => setCancelAtPeriodEnd(subscription, true, now));
}

/** "Renew": takes back a cancellation at the end of the period (`customer.subscription.updated`). */
export function renewFromPortal(services: ProviderServices, subscription: Stripe.Subscription): void {
  updateSubscription(services, subscription, () =>
    setCancelAtPeriodEnd(subscription, false, customerNow(services, customerIdOf(subscription))),
  );
}

/** The reason the customer picked after cancelling: `cancellation_details.feedback` (`customer.subscription.updated`). */
export function recordCancellationFeedback(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  feedback: Stripe.Subscription.CancellationDetails.Feedback,
): void {
  updateSubscription(services, subscription, () => {
    const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
    subscription.cancellation_details = { ...details, feedback };
  });
}

/**
 * A card added in the portal: stored and attached (`payment_method.attached`), made the customer's
 * `invoice_settings.default_payment_method` (`customer.updated`) and the `default_payment_method` of each of its
 * current subscriptions that has one (`customer.subscription.updated`), so renewals charge it. That the portal also
 * updates the subscriptions' own default is the sandbox's reading of Stripe's behaviour (a subscription's default
 * would otherwise win over the customer's), not a documented rule.
 */
export function saveCardFromPortal(
  services: ProviderServices,
  customer: Stripe.Customer,
  card: CardFacts,
  billing: BillingDetails,
): Stripe.PaymentMethod {
  const paymentMethod = storeCardPaymentMethod(services, card, billing, customerNow(services, customer.id));
  paymentMethod.customer = customer.id;
  services.events.emit('payment_method.attached', paymentMethod, { request: NO_REQUEST });

  const before = snapshot(customer);
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: paymentMethod.id };
  const previous = changedFields(before, customer);
  if (previous) services.events.emit('customer.updated', customer, { request: NO_REQUEST, previous });

  for (const subscription of services.store.all('subscription')) {
    if (
      customerIdOf(subscription) !== customer.id ||
      !CANCELLABLE_STATUSES.includes(subscription.status) ||
      subscription.default_payment_method === null
    )
      continue;
    updateSubscription(services, subscription, () => {
      subscription.default_payment_method = paymentMethod.id;
    });
  }
  return paymentMethod;
}

/** "Update information": the fields the configuration's `customer_update.allowed_updates` let the customer change. */
export function updateCustomerFromPortal(
  services: ProviderServices,
  customer: Stripe.Customer,
  change: (customer: Stripe.Customer) => void,
): void {
  const before = snapshot(customer);
  change(customer);
  const previous = changedFields(before, customer);
  if (previous) services.events.emit('customer.updated', customer, { request: NO_REQUEST, previous });
}

function updateSubscription(services: ProviderServices, subscription: Stripe.Subscription, change: () => void): void {
  const before = snapshot(subscription);
  change();
  const previous = changedFields(before, subscription);
  if (previous) services.events.emit('customer.subscription.updated', subscription, { request: NO_REQUEST, previous });
}
