import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import type { LanternApp } from '../app';
import { idOf } from '../app';
import { sendJson, type Request } from '../http';
import type { Order } from '../orders';
import type { Router } from '../router';

/** The shop's order API for its back office: read an order, refund it. Bearer LANTERN_ADMIN_KEY on every call. */
export function orderApi(router: Router, app: LanternApp): void {
  const refunding = new Map<string, Promise<unknown>>();

  router.get('/api/orders/:orderId', (req, res) => {
    const order = authorizedOrder(app, req, res);
    if (order) sendJson(res, 200, orderJson(order));
  });

  router.post('/api/orders/:orderId/refund', async (req, res) => {
    const order = authorizedOrder(app, req, res);
    if (!order) return;
    // One refund at a time per order: a double click in the back office refunds once.
    const before = refunding.get(order.id) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => refundOrder(app, order));
    refunding.set(
      order.id,
      run.catch(() => undefined),
    );
    const outcome = await run;
    sendJson(res, outcome.status, outcome.body);
  });
}

function authorizedOrder(app: LanternApp, req: Request, res: ServerResponse): Order | undefined {
  if (!isAuthorized(req.headers.authorization, app.adminKey)) {
    sendJson(res, 401, { error: 'Unauthorized: send Authorization: Bearer <LANTERN_ADMIN_KEY>.' }, { 'www-authenticate': 'Bearer' });
    return undefined;
  }
  const order = app.orders.get(req.params.orderId);
  if (!order) sendJson(res, 404, { error: `No order ${req.params.orderId ?? ''}.` });
  return order;
}

/** Compares hashes in constant time; with no admin key configured nothing is authorized. */
function isAuthorized(header: string | undefined, adminKey: string | undefined): boolean {
  if (!adminKey || !header?.startsWith('Bearer ')) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), digest(adminKey));
}

function orderJson(order: Order) {
  return {
    id: order.id,
    status: order.status,
    payment: { session: order.sessionId, payment_intent: order.paymentIntentId },
    amount: order.amount,
    currency: order.currency,
    amount_refunded: order.amountRefunded,
  };
}

interface Outcome {
  status: number;
  body: unknown;
}

/**
 * Refunds what is not yet refunded of the order's charge, with an idempotency key per order and refunded amount
 * (a retry replays, a refund after a partial one refunds the rest), and answers once Stripe says the charge is
 * fully refunded. An order already refunded in full answers the same without a new refund.
 */
async function refundOrder(app: LanternApp, order: Order): Promise<Outcome> {
  const paymentIntentId = order.paymentIntentId ?? (await paymentOfUnconfirmedOrder(app, order));
  if (!paymentIntentId) return { status: 409, body: { error: `Order ${order.id} is not paid: there is nothing to refund.` } };
  const intent = await app.stripe.paymentIntents.retrieve(paymentIntentId);
  const chargeId = idOf(intent.latest_charge);
  if (!chargeId) return { status: 409, body: { error: `Order ${order.id} has no charge to refund.` } };
  let charge = await app.stripe.charges.retrieve(chargeId);
  let refund: Stripe.Refund | undefined;
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining > 0) {
    refund = await app.stripe.refunds.create(
      { payment_intent: paymentIntentId, amount: remaining, metadata: { order_id: order.id } },
      { idempotencyKey: `lantern-refund-${order.id}-${charge.amount_refunded}` },
    );
    charge = await app.stripe.charges.retrieve(chargeId);
  } else {
    refund = (await app.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 1 })).data[0];
  }
  app.orders.markRefunded(order, charge.amount_refunded, charge.refunded);
  if (charge.refunded) return { status: 200, body: { order: order.id, status: 'refunded', refund: refund?.id ?? null } };
  if (refund?.status === 'failed' || refund?.status === 'canceled') {
    return { status: 502, body: { order: order.id, status: order.status, refund: refund.id, error: `The refund ${refund.status}.` } };
  }
  return { status: 202, body: { order: order.id, status: order.status, refund: refund?.id ?? null } };
}

/** An order the shop has not seen paid yet (no webhook, no thanks page): its session may say otherwise. */
async function paymentOfUnconfirmedOrder(app: LanternApp, order: Order): Promise<string | null> {
  if (!order.sessionId) return null;
  const session = await app.stripe.checkout.sessions.retrieve(order.sessionId);
  if (session.payment_status !== 'paid') return null;
  app.orders.markPaid(order, {
    sessionId: session.id,
    paymentIntentId: idOf(session.payment_intent),
    amount: session.amount_total,
    currency: session.currency,
  });
  return order.paymentIntentId;
}
