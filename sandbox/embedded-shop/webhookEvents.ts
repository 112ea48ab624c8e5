import type Stripe from 'stripe';
import { applySubscriptionEvent } from '../merchant/subscriptionEvents';
import { idOf, type SubscriptionRecord } from '../merchant/subscriptionRecords';
import { SUBSCRIPTION_WEBHOOK_EVENTS } from '../merchant/subscriptionWebhookEvents';
import { fulfilPaidIntent } from './fulfilment';
import type { EmbeddedShopContext } from './shopContext';

/** Every event type the embedded shop needs at its webhook endpoint. */
export const EMBEDDED_SHOP_WEBHOOK_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'payment_intent.succeeded',
  'charge.refunded',
  ...SUBSCRIPTION_WEBHOOK_EVENTS,
];

/** What handling one event came to: done (acknowledge it), or "try again later" (answer 5xx, so the provider retries). */
export type EventOutcome = 'handled' | 'retry';

/**
 * Acts on one verified event of the shop's mode. `payment_intent.succeeded` of one of the shop's orders fulfils
 * it (once) and reports the sale to the referral platform; when the platform cannot be reached the event is
 * retried by the provider (the report's idempotency key makes the retry safe). Other types are acknowledged.
 */
export async function handleEvent(shop: EmbeddedShopContext, event: Stripe.Event): Promise<EventOutcome> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const order = fulfilPaidIntent(shop, event.data.object);
      if (!order) return 'handled';
      return (await shop.sales.report(order)) === 'failed' ? 'retry' : 'handled';
    }
    case 'charge.refunded': {
      const paymentIntentId = idOf(event.data.object.payment_intent);
      const order = paymentIntentId ? shop.orders.findByPaymentIntent(paymentIntentId) : undefined;
      if (order) shop.orders.recordAmountRefunded(order, event.data.object.amount_refunded);
      return 'handled';
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'invoice.paid':
    case 'invoice.payment_failed':
      applySubscriptionEvent(shop.subscriptions, event, (subscriptionId, customerId, orderId) =>
        recordFor(shop, subscriptionId, customerId, orderId),
      );
      return 'handled';
    default:
      return 'handled';
  }
}

/** The shop's record of one of its sign-ups' subscriptions (created the first time an event names it). */
function recordFor(
  shop: EmbeddedShopContext,
  subscriptionId: string,
  customerId: string | null,
  orderId: string | undefined,
): SubscriptionRecord | undefined {
  const known = shop.subscriptions.get(subscriptionId);
  if (known) return known;
  const signup = shop.signups.findBy('subscriptionId', subscriptionId) ?? (orderId ? shop.signups.get(orderId) : undefined);
  const owner = signup?.customerId;
  if (!signup || !owner || (customerId ?? owner) !== owner) return undefined;
  return shop.subscriptions.ensureForSignup(subscriptionId, { ...signup, customerId: owner });
}
