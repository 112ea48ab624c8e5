import type Stripe from 'stripe';
import type { KissaOrder } from './orders';
import type { EmbeddedShopContext } from './shopContext';

/**
 * The order a payment intent pays, if it is one of this shop's: the intent the shop created for that order (its
 * id and `metadata.order_id` agree), for the order's amount and currency. Anything else is not ours to fulfil.
 */
export function orderForIntent(shop: EmbeddedShopContext, intent: Stripe.PaymentIntent): KissaOrder | undefined {
  const order = shop.orders.findByPaymentIntent(intent.id);
  if (!order || intent.metadata?.order_id !== order.id) return undefined;
  return intent.amount === order.amount && intent.currency === order.currency ? order : undefined;
}

/**
 * Fulfils the order of a payment intent the provider reports as succeeded (from the signed webhook, or from the
 * success page, which read the intent from the provider): once per order, however often it is called.
 */
export function fulfilPaidIntent(shop: EmbeddedShopContext, intent: Stripe.PaymentIntent): KissaOrder | undefined {
  const order = orderForIntent(shop, intent);
  if (!order || intent.status !== 'succeeded') return undefined;
  shop.orders.markPaid(order);
  return order;
}
