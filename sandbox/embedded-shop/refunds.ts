import type Stripe from 'stripe';
import { idOf } from '../merchant/subscriptionRecords';
import { fulfilPaidIntent } from './fulfilment';
import type { KissaOrder } from './orders';
import type { EmbeddedShopContext } from './shopContext';

export type RefundOutcome = { ok: true; refund: Stripe.Refund | null } | { ok: false; status: 409; message: string };

/**
 * Refunds what is left of the order's payment at the provider. What is left is read from the provider's charge
 * (support may have refunded part of it from the dashboard), and the idempotency key is tied to the order and to
 * what was already refunded, so a repeated call (a retry, a double click) never refunds twice; an order refunded
 * in full answers with no new refund. The order records the provider's answer at once.
 */
export async function refundRest(shop: EmbeddedShopContext, order: KissaOrder): Promise<RefundOutcome> {
  if (!order.paymentIntentId) return { ok: false, status: 409, message: 'This order has not been paid, so there is nothing to refund.' };
  const intent = await shop.stripe.paymentIntents.retrieve(order.paymentIntentId, { expand: ['latest_charge'] });
  if (!fulfilPaidIntent(shop, intent))
    return { ok: false, status: 409, message: 'This order has not been paid, so there is nothing to refund.' };
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const alreadyRefunded = charge?.amount_refunded ?? order.amountRefunded;
  shop.orders.recordAmountRefunded(order, alreadyRefunded);
  const rest = (charge?.amount ?? order.amount) - alreadyRefunded;
  if (rest <= 0) return { ok: true, refund: null };

  const refund = await shop.stripe.refunds.create(
    { payment_intent: order.paymentIntentId, amount: rest, metadata: { order_id: order.id } },
    { idempotencyKey: `kissa-refund-${order.id}-after-${alreadyRefunded}` },
  );
  if (refund.status === 'succeeded' && idOf(refund.payment_intent) === order.paymentIntentId) {
    shop.orders.recordAmountRefunded(order, alreadyRefunded + refund.amount);
  }
  return { ok: true, refund };
}
