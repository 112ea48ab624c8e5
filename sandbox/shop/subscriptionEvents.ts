import type Stripe from 'stripe';
import { applySubscriptionEvent } from '../merchant/subscriptionEvents';
import type { ShopContext } from './shopContext';
import type { SubscriptionRecord } from '../merchant/subscriptionRecords';

/**
 * The subscription webhooks: the ONLY writers of a subscription's status in the shop's record (see
 * applySubscriptionEvent). Subscriptions that are not this shop's (no sign-up for their customer or order id) are
 * ignored. The defect shop.ignore-subscription-cancellation: updates and cancellations never reach the record.
 */
export function handleSubscriptionEvent(shop: ShopContext, event: Stripe.Event): void {
  applySubscriptionEvent(
    shop.subscriptions,
    event,
    (subscriptionId, customerId, orderId) => recordFor(shop, subscriptionId, customerId, orderId),
    {
      ignoreChanges: shop.faults.has('shop.ignore-subscription-cancellation'),
    },
  );
}

function recordFor(
  shop: ShopContext,
  subscriptionId: string,
  customerId: string | null,
  orderId: string | undefined,
): SubscriptionRecord | undefined {
  const known = shop.subscriptions.get(subscriptionId);
  if (known) return known;
  const signup = (customerId ? shop.signups.findByCustomer(customerId) : undefined) ?? (orderId ? shop.signups.get(orderId) : undefined);
  if (!signup?.customerId || (customerId !== null && customerId !== signup.customerId)) return undefined;
  return shop.subscriptions.ensure(subscriptionId, {
    customerId: signup.customerId,
    signupId: signup.id,
    planName: signup.planName,
    amount: signup.amount,
    currency: signup.currency,
  });
}
