import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { productBySlug } from '../catalogue';
import { friendlyDeclineMessage, problemOf, rawDeclineText, type PaymentProblem } from '../declineMessages';
import { logFailure } from '../failureLog';
import type { Order } from '../orders';
import { checkoutCanceledBody, type CanceledPageState } from '../pages/checkoutCanceled';
import type { ShopContext } from '../shopContext';
import { paymentIntentsOfInvoice } from '../../merchant/pinnedReads';
import { idOf } from '../../merchant/subscriptionRecords';
import { formValue } from '../../merchant/formValue';
import { ID_PATTERNS } from '../../merchant/formPatterns';
import { sendPage } from './sendPage';

const SESSION_ID = ID_PATTERNS.checkoutSession;
const ORDER_ID = ID_PATTERNS.order;

interface CanceledCheckout {
  sessionId: string;
  orderId: string;
  kind: 'order' | 'signup';
}

/**
 * GET /checkout/canceled?session_id=…(&order=…): the payment page's Back link. The URL only says which
 * checkout; what happened is read from the provider (the session and its payment intent). The customer sees
 * a friendly sentence per decline reason, never the error's type, code or the provider's message.
 */
export function checkoutCanceledRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.get('/checkout/canceled', async (request, reply) => {
    const checkout = findCheckout(shop, formValue(request.query, 'session_id'), formValue(request.query, 'order'));
    const shopLink =
      checkout?.kind === 'signup'
        ? { backUrl: '/pricing', backLabel: 'Back to the plans' }
        : productLink(checkout ? shop.orders.get(checkout.orderId) : undefined, shop);
    const render = (state: Partial<CanceledPageState> = {}) =>
      sendPage(reply, 200, { title: 'Checkout canceled', body: checkoutCanceledBody({ ...shopLink, ...state }), snippet: shop.snippet });
    if (!checkout) return render();

    let session: Stripe.Checkout.Session;
    try {
      session = await shop.stripe.checkout.sessions.retrieve(checkout.sessionId, { expand: ['payment_intent'] });
    } catch (error) {
      logFailure('GET /checkout/canceled', error);
      return render();
    }
    if (session.metadata?.order_id !== checkout.orderId) return render();
    if (session.status === 'complete') {
      return reply.redirect(`/success?session_id=${encodeURIComponent(session.id)}`, 303);
    }
    const retryUrl = session.status === 'open' && session.url ? session.url : undefined;

    const problem = await lastPaymentProblem(shop, session);
    if (!problem) return render({ retryUrl });
    const text = shop.faults.has('shop.raw-decline-error') ? rawDeclineText(problem) : friendlyDeclineMessage(problem);
    return render({ problem: text, retryUrl });
  });
}

function findCheckout(shop: ShopContext, sessionParam: string, orderParam: string): CanceledCheckout | undefined {
  const orderId = ORDER_ID.test(orderParam) ? orderParam : undefined;
  if (SESSION_ID.test(sessionParam)) {
    const order = shop.orders.findByCheckoutSession(sessionParam);
    if (order && (!orderId || order.id === orderId)) return { sessionId: sessionParam, orderId: order.id, kind: 'order' };
    const signup = shop.signups.findByCheckoutSession(sessionParam);
    if (signup && (!orderId || signup.id === orderId)) return { sessionId: sessionParam, orderId: signup.id, kind: 'signup' };
    return undefined;
  }
  if (!orderId) return undefined;
  const order = shop.orders.get(orderId);
  if (order?.checkoutSessionId) return { sessionId: order.checkoutSessionId, orderId: order.id, kind: 'order' };
  const signup = shop.signups.get(orderId);
  if (signup?.checkoutSessionId) return { sessionId: signup.checkoutSessionId, orderId: signup.id, kind: 'signup' };
  return undefined;
}

/**
 * The last failed attempt of the session's payment: its payment intent for a purchase; for a subscription,
 * the payment intent of the subscription's (or session's) first invoice, where the provider has one.
 */
async function lastPaymentProblem(shop: ShopContext, session: Stripe.Checkout.Session): Promise<PaymentProblem | null> {
  const intent = session.payment_intent;
  if (intent && typeof intent === 'object') return problemOf(intent.last_payment_error);
  try {
    if (typeof intent === 'string') return problemOf((await shop.stripe.paymentIntents.retrieve(intent)).last_payment_error);
    let invoiceId = idOf(session.invoice);
    const subscriptionId = idOf(session.subscription);
    if (!invoiceId && subscriptionId) invoiceId = idOf((await shop.stripe.subscriptions.retrieve(subscriptionId)).latest_invoice);
    if (!invoiceId) return null;
    for (const id of await paymentIntentsOfInvoice(shop.stripe, invoiceId, shop.apiVersion)) {
      const problem = problemOf((await shop.stripe.paymentIntents.retrieve(id)).last_payment_error);
      if (problem) return problem;
    }
  } catch (error) {
    logFailure('GET /checkout/canceled (payment details)', error);
  }
  return null;
}

/** Back to the product the canceled order was for (the first product when the link names no order). */
function productLink(order: Order | undefined, shop: ShopContext): { backUrl: string; backLabel: string } {
  const product = (order && productBySlug(shop.products, order.productSlug)) ?? shop.products[0];
  if (!product) return { backUrl: '/', backLabel: 'Back to the shop' };
  return { backUrl: `/products/${product.slug}`, backLabel: `Back to the ${product.name}` };
}
