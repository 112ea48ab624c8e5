import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';

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
  subscription.cancellation_details = { ...(subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }), reason };
  services.events.emit('customer.subscription.deleted', subscription, { request });
}
