import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { periodEnd } from './subscriptionObject';

/** Ends a subscription now (`canceled`, `ended_at`) and writes `customer.subscription.deleted`, as Stripe does. */
export function cancelSubscription(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  at: number,
  request: RequestRef,
  reason: Stripe.Subscription.CancellationDetails.Reason = 'cancellation_requested',
): void {
  subscription.status = 'canceled';
  subscription.canceled_at = subscription.canceled_at ?? at;
  subscription.ended_at = at;
  subscription.cancellation_details = {
    ...(subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }),
    reason,
  };
  services.events.emit('customer.subscription.deleted', subscription, { request });
}

/**
 * Sets `cancel_at_period_end` as Stripe does: on → `cancel_at` the current period's end, `canceled_at` now and
 * reason `cancellation_requested`; off → all cleared. The caller writes the event.
 */
export function setCancelAtPeriodEnd(subscription: Stripe.Subscription, cancel: boolean, at: number): void {
  if (cancel === subscription.cancel_at_period_end) return;
  subscription.cancel_at_period_end = cancel;
  subscription.cancel_at = cancel ? periodEnd(subscription) : null;
  subscription.canceled_at = cancel ? at : null;
  const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
  subscription.cancellation_details = { ...details, reason: cancel ? 'cancellation_requested' : null };
}
