import type Stripe from 'stripe';
import type { Order, OrderBook } from './orders';

/**
 * The order a checkout session belongs to, if it is one of this shop's: the session must be the one the
 * shop created for that order, for the order's amount and currency.
 */
export function orderForSession(orders: OrderBook, session: Stripe.Checkout.Session): Order | undefined {
  const order = orders.findByCheckoutSession(session.id);
  if (!order) return undefined;
  if (session.metadata?.order_id !== order.id) return undefined;
  if (session.amount_total !== order.amount || session.currency !== order.currency) return undefined;
  return order;
}

export function paymentIntentId(value: string | Stripe.PaymentIntent | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * Fulfils the order of a session the provider reports as paid. Called from the signed webhook and from the
 * success page (which read the session from the provider); both may run, so it is idempotent.
 * Returns the order when the session is one of ours and paid.
 */
export function fulfilCheckout(orders: OrderBook, session: Stripe.Checkout.Session): Order | undefined {
  const order = orderForSession(orders, session);
  if (!order || session.payment_status !== 'paid') return undefined;
  orders.markPaid(order, paymentIntentId(session.payment_intent));
  return order;
}

/** Reads the order's session back from the provider and fulfils it if paid; for when a webhook is late. */
export async function confirmPaymentWithProvider(stripe: Stripe, orders: OrderBook, order: Order): Promise<void> {
  if (order.paidAt !== null && order.paymentIntentId) return;
  if (!order.checkoutSessionId) return;
  const session = await stripe.checkout.sessions.retrieve(order.checkoutSessionId);
  fulfilCheckout(orders, session);
}
