import type Stripe from 'stripe';
import type { ShopContext } from './shopContext';
import { idOf, statusOf, type SubscriptionRecord } from './subscriptions';

/**
 * The subscription webhooks: the ONLY writers of a subscription's status in the shop's record.
 * Subscriptions that are not this shop's (no sign-up for their customer or order id) are ignored.
 */
export function handleSubscriptionEvent(shop: ShopContext, event: Stripe.Event): void {
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      // The defect shop.ignore-subscription-cancellation: updates and cancellations never reach the record.
      if (event.type !== 'customer.subscription.created' && shop.faults.has('shop.ignore-subscription-cancellation')) return;
      const subscription = event.data.object;
      const record = recordFor(shop, subscription.id, idOf(subscription.customer), subscription.metadata?.order_id);
      if (!record) return;
      if (event.type === 'customer.subscription.created') {
        // The first snapshot of a subscription: it never overrides what a later event (which may have
        // arrived first, in the same second) already said.
        if (record.status === null) shop.subscriptions.applySnapshot(record, event.created, statusOf(subscription));
        return;
      }
      const status = event.type === 'customer.subscription.deleted' ? 'canceled' : statusOf(subscription);
      shop.subscriptions.applySnapshot(record, event.created, status);
      return;
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
      if (!subscriptionId) return;
      const record = recordFor(shop, subscriptionId, idOf(invoice.customer), invoice.parent?.subscription_details?.metadata?.order_id);
      if (!record) return;
      if (event.type === 'invoice.paid') shop.subscriptions.markInvoicePaid(record, event.created);
      else shop.subscriptions.markInvoiceFailed(record, event.created);
      return;
    }
    default:
      return;
  }
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
