import type Stripe from 'stripe';
import { confirmPaymentWithProvider } from './fulfilment';
import { refundableAmount, refundRequested, type Order, type OrderBook } from './orders';

export type RefundOutcome = { ok: true; refund: Stripe.Refund } | { ok: false; status: 400 | 409; message: string };

/**
 * Asks the provider to refund (part of) an order. The idempotency key is tied to the order, what was
 * already asked for and the amount: a double click repeats the same request, a later second partial refund
 * is a new one. The order shows "refund pending" until charge.refunded arrives.
 */
export async function refundOrder(stripe: Stripe, orders: OrderBook, order: Order, amount: number | undefined): Promise<RefundOutcome> {
  await confirmPaymentWithProvider(stripe, orders, order);
  if (order.paidAt === null || !order.paymentIntentId) {
    return { ok: false, status: 409, message: 'This order has not been paid, so there is nothing to refund.' };
  }
  const refundable = refundableAmount(order);
  if (refundable <= 0) return { ok: false, status: 409, message: 'This order is already refunded.' };
  if (amount !== undefined && (!Number.isInteger(amount) || amount <= 0 || amount > refundable)) {
    return {
      ok: false,
      status: 400,
      message: `The refund amount must be a whole number in the currency's smallest unit, from 1 to ${refundable}.`,
    };
  }

  const params: Stripe.RefundCreateParams = { payment_intent: order.paymentIntentId, metadata: { order_id: order.id } };
  if (amount !== undefined) params.amount = amount;
  const idempotencyKey = `refund-${order.id}-${refundRequested(order)}-${amount ?? 'rest'}`;
  const refund = await stripe.refunds.create(params, { idempotencyKey });
  if (refund.status !== 'failed' && refund.status !== 'canceled') {
    orders.recordRefundRequest(order, refund.id, refund.amount);
  }
  return { ok: true, refund };
}

/** Reads an optional amount in cents from a form field or JSON value; blank means "the rest". */
export function parseRefundAmount(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (!/^\d+$/.test(text)) return 'invalid';
  return Number(text);
}
