import type Stripe from 'stripe';
import { idOf, type LanternApp } from './app';

/**
 * What each event changes in the shop's records (in memory only: no API call, so the webhook answers at once).
 * Events about objects that are not the shop's (another order, another customer) change nothing.
 */
export function handleEvent(app: LanternApp, event: Stripe.Event): void {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return sessionCompleted(app, event.data.object);
    case 'charge.refunded':
      return chargeRefunded(app, event.data.object);
    case 'invoice.paid':
      return invoicePaid(app, event.data.object);
    case 'customer.subscription.updated':
      return subscriptionChanged(app, event.data.object, event.created, false);
    case 'customer.subscription.deleted':
      return subscriptionChanged(app, event.data.object, event.created, true);
    default:
      return;
  }
}

function sessionCompleted(app: LanternApp, session: Stripe.Checkout.Session): void {
  if (session.mode === 'payment') {
    const order = app.orders.get(session.metadata?.order_id);
    if (!order || session.client_reference_id !== order.id || session.payment_status !== 'paid') return;
    app.orders.markPaid(order, {
      sessionId: session.id,
      paymentIntentId: idOf(session.payment_intent),
      amount: session.amount_total,
      currency: session.currency,
    });
    return;
  }
  if (session.mode === 'subscription') {
    const membership = app.memberships.get(session.metadata?.membership_id);
    const customerId = idOf(session.customer);
    if (!membership || session.client_reference_id !== membership.id || !customerId) return;
    app.memberships.link(membership, customerId, idOf(session.subscription));
  }
}

function chargeRefunded(app: LanternApp, charge: Stripe.Charge): void {
  const paymentIntentId = idOf(charge.payment_intent);
  const order = (paymentIntentId ? app.orders.byPayment(paymentIntentId) : undefined) ?? app.orders.get(charge.metadata?.order_id);
  if (!order) return;
  if (paymentIntentId && !order.paymentIntentId) {
    app.orders.markPaid(order, { sessionId: order.sessionId, paymentIntentId, amount: charge.amount, currency: charge.currency });
  }
  app.orders.markRefunded(order, charge.amount_refunded, charge.refunded);
}

function invoicePaid(app: LanternApp, invoice: Stripe.Invoice): void {
  const details = invoice.parent?.subscription_details;
  const subscriptionId = idOf(details?.subscription);
  const customerId = idOf(invoice.customer);
  if (!subscriptionId || !customerId) return;
  const ours =
    app.memberships.subscription(subscriptionId) !== undefined ||
    app.memberships.isMember(customerId) ||
    app.memberships.get(details?.metadata?.membership_id) !== undefined;
  if (!ours) return;
  app.memberships.recordPayment(app.memberships.ensure(subscriptionId, customerId), invoice);
}

function subscriptionChanged(app: LanternApp, subscription: Stripe.Subscription, created: number, deleted: boolean): void {
  const customerId = idOf(subscription.customer);
  const ours =
    app.memberships.subscription(subscription.id) !== undefined ||
    app.memberships.isMember(customerId) ||
    app.memberships.get(subscription.metadata?.membership_id) !== undefined;
  if (!ours) return;
  app.memberships.applySnapshot(subscription, created, deleted);
}
