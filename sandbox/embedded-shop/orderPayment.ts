import type Stripe from 'stripe';
import type { KissaOrder } from './orders';
import type { EmbeddedShopContext } from './shopContext';

/** Payment intents being created, by order: a double click's two submits wait for the same one. */
const creating = new WeakMap<KissaOrder, Promise<void>>();

/**
 * Makes sure the order has its payment intent: created once per order (per form token), with the idempotency key
 * `kissa-order-<token>` so even a retry after a lost answer gets the same intent back. Its metadata carries the
 * order id and the referral click id from the snippet's cookie.
 */
export function ensurePaymentIntent(shop: EmbeddedShopContext, order: KissaOrder): Promise<void> {
  if (order.paymentIntentId && order.clientSecret) return Promise.resolve();
  const pending = creating.get(order) ?? create(shop, order).finally(() => creating.delete(order));
  creating.set(order, pending);
  return pending;
}

async function create(shop: EmbeddedShopContext, order: KissaOrder): Promise<void> {
  const metadata: Record<string, string> = { order_id: order.id };
  if (order.referralClickId) metadata.referral_click_id = order.referralClickId;
  const intent = await shop.stripe.paymentIntents.create(
    {
      amount: order.amount,
      currency: order.currency,
      automatic_payment_methods: { enabled: true },
      description: order.productName,
      receipt_email: order.email,
      metadata,
    },
    { idempotencyKey: `kissa-order-${order.token}` },
  );
  if (!intent.client_secret) throw new Error(`The provider returned payment intent ${intent.id} without a client secret.`);
  order.paymentIntentId = intent.id;
  order.clientSecret = intent.client_secret;
}

/**
 * Whether the order is paid, asking the provider when the shop has not heard yet (its webhook may be on its way):
 * a resubmitted form or a Back to the payment page then goes to the success page, never to a second payment.
 */
export async function paidAtProvider(shop: EmbeddedShopContext, order: KissaOrder): Promise<boolean> {
  if (order.paidAt !== null) return true;
  if (!order.paymentIntentId) return false;
  const intent: Stripe.PaymentIntent = await shop.stripe.paymentIntents.retrieve(order.paymentIntentId);
  if (intent.status !== 'succeeded' || intent.metadata?.order_id !== order.id) return false;
  shop.orders.markPaid(order);
  return true;
}
