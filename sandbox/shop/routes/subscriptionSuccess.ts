import type { FastifyReply, FastifyRequest } from 'fastify';
import Stripe from 'stripe';
import { paymentNotConfirmedBody } from '../pages/success';
import { subscriptionConfirmedBody } from '../pages/subscriptionSuccess';
import type { ShopContext } from '../shopContext';
import { grantCustomerSession } from '../../merchant/customerSessionCookie';
import { CUSTOMER_COOKIE, idOf, statusOf } from '../../merchant/subscriptionRecords';
import type { Signup } from '../subscriptions';
import { sendPage } from './sendPage';

/**
 * The success page of a subscription sign-up. The session is read back from the provider: it must be the one
 * the shop created for this sign-up (same customer, same order id) and complete, with its subscription. The
 * customer then gets an httpOnly session cookie for the account page. A reload changes nothing.
 */
export async function subscriptionSuccess(
  shop: ShopContext,
  signup: Signup,
  request: FastifyRequest,
  reply: FastifyReply,
  notFound: () => FastifyReply,
): Promise<FastifyReply> {
  let session: Stripe.Checkout.Session;
  try {
    session = await shop.stripe.checkout.sessions.retrieve(signup.checkoutSessionId!, { expand: ['subscription'] });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return notFound();
    throw error;
  }
  const ours = session.mode === 'subscription' && session.metadata?.order_id === signup.id && idOf(session.customer) === signup.customerId;
  if (!ours || !signup.customerId) return notFound();

  const subscription = typeof session.subscription === 'object' ? session.subscription : null;
  const paid = session.status === 'complete' && (session.payment_status === 'paid' || session.payment_status === 'no_payment_required');
  if (!paid || !subscription || idOf(subscription.customer) !== signup.customerId) {
    return sendPage(reply, 200, { title: 'Payment not confirmed', body: paymentNotConfirmedBody(), snippet: shop.snippet });
  }

  if (signup.completedAt === null) signup.completedAt = Math.floor(Date.now() / 1000);
  if (!signup.subscriptionId) signup.subscriptionId = subscription.id;
  shop.subscriptions.ensure(subscription.id, {
    customerId: signup.customerId,
    signupId: signup.id,
    planName: signup.planName,
    amount: signup.amount,
    currency: signup.currency,
  });

  grantCustomerSession(shop.customerSessions, CUSTOMER_COOKIE, signup.customerId, request, reply);
  // What the provider says right now (the account page shows the shop's own record, kept by webhooks).
  const status = statusOf(subscription);
  return sendPage(reply, 200, {
    title: 'Subscription confirmed',
    body: subscriptionConfirmedBody(signup, subscription.id, status),
    snippet: shop.snippet,
  });
}
