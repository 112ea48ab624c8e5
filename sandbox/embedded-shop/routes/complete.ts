import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Stripe from 'stripe';
import { formValue } from '../../merchant/formValue';
import { grantCustomerSession } from '../../merchant/customerSessionCookie';
import { ID_PATTERNS } from '../../merchant/formPatterns';
import { idOf, statusOf } from '../../merchant/subscriptionRecords';
import { KISSA_CUSTOMER_COOKIE } from '../customerCookie';
import { fulfilPaidIntent, orderForIntent } from '../fulfilment';
import { orderConfirmedBody, paymentNotConfirmedBody, paymentPendingBody, subscriptionConfirmedBody } from '../pages/complete';
import { errorBody, sendPage } from '../pages/layout';
import type { EmbeddedShopContext } from '../shopContext';
import type { Signup } from '../signups';

const PAYMENT_INTENT_ID = ID_PATTERNS.paymentIntent;

/** Provider states in which a payment may still succeed without the customer doing anything. */
const STILL_PROCESSING: ReadonlySet<Stripe.PaymentIntent.Status> = new Set(['processing', 'requires_capture']);

/**
 * GET /orders/complete?payment_intent=pi_… (the Payment Element's return URL). The URL proves nothing: the
 * payment intent is read from the provider with the shop's secret key (`payment_intent_client_secret` and
 * `redirect_status` in the URL are ignored), and an order is confirmed only when the intent is the one this shop
 * created for it and has succeeded. A foreign payment intent shows nothing; one of ours not yet paid shows
 * "pending" or "not received".
 */
export function completeRoutes(app: FastifyInstance, shop: EmbeddedShopContext): void {
  app.get('/orders/complete', async (request, reply) => {
    const notFound = () =>
      sendPage(reply, 404, {
        title: 'No such order',
        body: errorBody('This is not one of our orders', 'Please check the link in your receipt email.'),
        snippet: shop.snippet,
      });
    const paymentIntentId = formValue(request.query, 'payment_intent');
    if (!PAYMENT_INTENT_ID.test(paymentIntentId)) return notFound();
    const order = shop.orders.findByPaymentIntent(paymentIntentId);
    const signup = order ? undefined : shop.signups.findBy('paymentIntentId', paymentIntentId);
    if (!order && !signup) return notFound();

    let intent: Stripe.PaymentIntent;
    try {
      intent = await shop.stripe.paymentIntents.retrieve(paymentIntentId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return notFound();
      throw error;
    }
    if (signup) return signupComplete(shop, signup, intent, request, reply, notFound);
    if (!orderForIntent(shop, intent)) return notFound();

    const paid = fulfilPaidIntent(shop, intent);
    if (paid) return sendPage(reply, 200, { title: 'Order confirmed', body: orderConfirmedBody(paid), snippet: shop.snippet });
    return notPaid(reply, shop, intent, `/checkout/${order!.id}`);
  });
}

function notPaid(reply: FastifyReply, shop: EmbeddedShopContext, intent: Stripe.PaymentIntent, retryUrl: string): FastifyReply {
  if (STILL_PROCESSING.has(intent.status)) {
    return sendPage(reply, 200, { title: 'Payment pending', body: paymentPendingBody(), snippet: shop.snippet });
  }
  const canRetry =
    intent.status === 'requires_payment_method' || intent.status === 'requires_action' || intent.status === 'requires_confirmation';
  return sendPage(reply, 200, {
    title: 'Payment not confirmed',
    body: paymentNotConfirmedBody(canRetry ? retryUrl : undefined),
    snippet: shop.snippet,
  });
}

/**
 * The sign-up's success page: its first invoice's payment intent must have succeeded and its subscription must be
 * the one the shop created (same customer, same order id). The customer then gets an httpOnly session cookie for
 * the account page. A reload changes nothing.
 */
async function signupComplete(
  shop: EmbeddedShopContext,
  signup: Signup,
  intent: Stripe.PaymentIntent,
  request: FastifyRequest,
  reply: FastifyReply,
  notFound: () => FastifyReply,
): Promise<FastifyReply> {
  if (!signup.subscriptionId || !signup.customerId) return notFound();
  if (intent.status !== 'succeeded') return notPaid(reply, shop, intent, `/checkout/${signup.id}`);
  const subscription = await shop.stripe.subscriptions.retrieve(signup.subscriptionId);
  if (subscription.metadata?.order_id !== signup.id || idOf(subscription.customer) !== signup.customerId) return notFound();

  signup.completedAt ??= Math.floor(Date.now() / 1000);
  shop.subscriptions.ensureForSignup(subscription.id, { ...signup, customerId: signup.customerId });
  grantCustomerSession(shop.customerSessions, KISSA_CUSTOMER_COOKIE, signup.customerId, request, reply);
  // What the provider says right now (the account page shows the shop's own record, kept by webhooks).
  return sendPage(reply, 200, {
    title: 'Subscription confirmed',
    body: subscriptionConfirmedBody(signup, subscription.id, statusOf(subscription)),
    snippet: shop.snippet,
  });
}
