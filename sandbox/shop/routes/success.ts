import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { fulfilCheckout, orderForSession } from '../fulfilment';
import { errorBody } from '../pages/errorPage';
import { orderConfirmedBody, paymentNotConfirmedBody } from '../pages/success';
import type { ShopContext } from '../shopContext';
import { formValue } from '../../merchant/formValue';
import { ID_PATTERNS } from '../../merchant/formPatterns';
import { sendPage } from './sendPage';
import { subscriptionSuccess } from './subscriptionSuccess';

const SESSION_ID = ID_PATTERNS.checkoutSession;

/**
 * GET /success?session_id=…: the URL alone proves nothing. The session is read back from the provider and
 * the order shown only when the session is this shop's and the provider says it is paid.
 */
export function successRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.get('/success', async (request, reply) => {
    const notFound = () =>
      sendPage(reply, 404, {
        title: 'Order not found',
        body: errorBody('We could not find that order', 'The link may be incomplete. Your receipt email has the details.'),
        snippet: shop.snippet,
      });

    const sessionId = formValue(request.query, 'session_id');
    if (!SESSION_ID.test(sessionId)) return notFound();
    const signup = shop.signups.findByCheckoutSession(sessionId);
    if (signup) return subscriptionSuccess(shop, signup, request, reply, notFound);

    // The defect shop.success-page-trusts-url: the order of the session id in the URL is shown (and marked) paid, unasked.
    const trusted = shop.faults.has('shop.success-page-trusts-url') ? shop.orders.findByCheckoutSession(sessionId) : undefined;
    if (trusted) {
      shop.orders.markPaid(trusted, trusted.paymentIntentId);
      return sendPage(reply, 200, { title: 'Order confirmed', body: orderConfirmedBody(trusted), snippet: shop.snippet });
    }

    let session: Stripe.Checkout.Session;
    try {
      session = await shop.stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] });
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return notFound();
      throw error;
    }

    if (!orderForSession(shop.orders, session)) return notFound();
    const intent = session.payment_intent;
    const intentSucceeded = typeof intent !== 'object' || intent === null || intent.status === 'succeeded';
    const order = intentSucceeded ? fulfilCheckout(shop.orders, session) : undefined;
    if (!order) {
      return sendPage(reply, 200, { title: 'Payment not confirmed', body: paymentNotConfirmedBody(), snippet: shop.snippet });
    }
    return sendPage(reply, 200, { title: 'Order confirmed', body: orderConfirmedBody(order), snippet: shop.snippet });
  });
}
