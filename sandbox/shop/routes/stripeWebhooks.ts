import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { fulfilCheckout, paymentIntentId } from '../fulfilment';
import type { Order } from '../orders';
import type { ShopContext } from '../shopContext';
import { handleSubscriptionEvent } from '../subscriptionEvents';
import { verifyWebhook } from '../webhookVerification';

/** How long the defect `shop.slow-webhook-response` keeps the provider waiting (its timeout is 10 s). */
export const SLOW_WEBHOOK_DELAY_MS = 12_000;

/**
 * POST /webhooks/stripe: the raw body is kept for the signature check (see webhookVerification.ts); a bad
 * signature is a 400, an event of the other mode (`livemode` ≠ the shop's key) is a 400, an event already
 * handled is acknowledged again, and the answer is immediate (all the work is in memory).
 */
export async function stripeWebhookRoutes(app: FastifyInstance, shop: ShopContext): Promise<void> {
  // Only in this plugin's scope: every body stays the exact bytes the provider signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/stripe', async (request, reply) => {
    const verification = verifyWebhook(shop, request.body, request.headers['stripe-signature']);
    if (!verification.ok) return reply.code(400).send({ error: verification.error });
    const { event } = verification;
    // A test-mode event must never fulfil a live order (nor the reverse): the defect shop.accept-other-mode-events skips this.
    if (event.livemode !== !shop.testMode && !shop.faults.has('shop.accept-other-mode-events')) {
      return reply.code(400).send({ error: `This endpoint accepts ${shop.testMode ? 'test' : 'live'} mode events only.` });
    }
    if (shop.handledEventIds.has(event.id)) {
      // The defect shop.non-idempotent-webhooks: a redelivered event is handled again, and fulfilment sends the confirmation again.
      if (!shop.faults.has('shop.non-idempotent-webhooks')) return reply.code(200).send({ received: true, duplicate: true });
      fulfilAgain(shop, event);
      return reply.code(200).send({ received: true });
    }
    // A shop must acknowledge events it does not handle; the defect shop.unknown-event-500 answers 500, so the provider retries for days.
    if (!HANDLED_EVENT_TYPES.has(event.type) && shop.faults.has('shop.unknown-event-500')) {
      return reply.code(500).send({ error: `Unhandled event type ${event.type}` });
    }
    handleEvent(shop, event);
    shop.handledEventIds.add(event.id);
    if (shop.faults.has('shop.slow-webhook-response')) {
      // The defect: slow work done before answering (the provider gives up after 10 s and retries). Closing the shop ends the wait.
      await delay(SLOW_WEBHOOK_DELAY_MS, undefined, { signal: shop.closing }).catch(() => undefined);
    }
    return reply.code(200).send({ received: true });
  });
}

/** The event types handleEvent acts on; every other type is acknowledged and ignored. */
const HANDLED_EVENT_TYPES = new Set<string>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

function handleEvent(shop: ShopContext, event: Stripe.Event): void {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      fulfilCheckout(shop.orders, event.data.object);
      return;
    case 'payment_intent.succeeded': {
      const order = orderForIntent(shop, event.data.object);
      if (order) shop.orders.markPaid(order, event.data.object.id);
      return;
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const order = orderForIntent(shop, intent);
      if (order) shop.orders.markPaymentFailed(order, intent.last_payment_error?.code ?? 'payment_failed');
      return;
    }
    case 'charge.refunded': {
      // The defect shop.ignore-refund-events: the refund never reaches the order.
      if (shop.faults.has('shop.ignore-refund-events')) return;
      const intentId = paymentIntentId(event.data.object.payment_intent);
      const order = intentId ? shop.orders.findByPaymentIntent(intentId) : undefined;
      if (order) shop.orders.recordAmountRefunded(order, event.data.object.amount_refunded);
      return;
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'invoice.paid':
    case 'invoice.payment_failed':
      handleSubscriptionEvent(shop, event);
      return;
    default:
      return;
  }
}

/** The defect's second fulfilment of an already paid order: another confirmation email. */
function fulfilAgain(shop: ShopContext, event: Stripe.Event): void {
  if (event.type !== 'checkout.session.completed') return;
  const order = fulfilCheckout(shop.orders, event.data.object);
  if (order) order.confirmationsSent += 1;
}

/** The order of a payment intent: known by id once paid, else through the order id the shop put in its metadata. */
function orderForIntent(shop: ShopContext, intent: Stripe.PaymentIntent): Order | undefined {
  const known = shop.orders.findByPaymentIntent(intent.id);
  if (known) return known;
  const order = intent.metadata?.order_id ? shop.orders.get(intent.metadata.order_id) : undefined;
  if (!order || order.paymentIntentId !== null) return undefined;
  return intent.amount === order.amount && intent.currency === order.currency ? order : undefined;
}
