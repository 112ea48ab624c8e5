import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { clickIdFrom } from '../../merchant/clickCookie';
import { logFailure } from '../failureLog';
import { formValue } from '../../merchant/formValue';
import { orderFormProblem } from '../../merchant/formPatterns';
import { completeUrl } from '../completeUrl';
import { ensurePaymentIntent, paidAtProvider } from '../orderPayment';
import { checkoutBody, checkoutScripts, type CheckoutPageState } from '../pages/checkout';
import { errorBody, sendPage } from '../pages/layout';
import { productBody } from '../pages/storefront';
import type { EmbeddedShopContext } from '../shopContext';
import { signupPaidAtProvider } from '../signupPayment';

/**
 * POST /checkout: the order (once per form token) and its payment intent, then 303 to the shop's checkout page.
 * A second submit of the same form (a double click, Back and submit again) finds the same order: its checkout page
 * while unpaid, its success page once paid. GET /checkout/:id: the checkout page of an order or a sign-up.
 */
export function checkoutRoutes(app: FastifyInstance, shop: EmbeddedShopContext): void {
  app.post('/checkout', async (request, reply) => {
    const token = formValue(request.body, 'order_token');
    const email = formValue(request.body, 'email').trim();
    const product = shop.products.find((item) => item.slug === formValue(request.body, 'product'));
    if (!product) {
      return sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that tea', 'Please choose a tea from the shop.'),
        snippet: shop.snippet,
      });
    }
    const retryForm = (status: number, error: string, keepEmail = email) =>
      sendPage(reply, status, {
        title: product.name,
        body: productBody(product, { orderToken: randomUUID(), email: keepEmail, error }),
        snippet: shop.snippet,
      });
    const formProblem = orderFormProblem(token, email);
    if (formProblem) return retryForm(400, formProblem.message, formProblem.keepEmail ? email : '');

    const order =
      shop.orders.findByToken(token) ??
      shop.orders.create({
        token,
        productSlug: product.slug,
        productName: product.name,
        amount: product.unitAmount,
        currency: product.currency,
        email,
        referralClickId: clickIdFrom(request.cookies),
      });
    try {
      await ensurePaymentIntent(shop, order);
      if (await paidAtProvider(shop, order)) return reply.redirect(completeUrl(order.paymentIntentId!), 303);
    } catch (error) {
      logFailure('POST /checkout', error);
      return retryForm(502, 'We could not start the payment just now. You have not been charged; please try again.');
    }
    return reply.redirect(`/checkout/${order.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/checkout/:id', async (request, reply) => {
    const notFound = () =>
      sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that payment', 'Please start again from the shop.'),
        snippet: shop.snippet,
      });
    const order = shop.orders.get(request.params.id);
    if (order?.paymentIntentId && order.clientSecret) {
      // Back from the success page lands here: a paid order goes to its success page, never to a second payment.
      if (await paidAtProvider(shop, order)) return reply.redirect(completeUrl(order.paymentIntentId), 303);
      return checkoutPage(reply, shop, {
        description: order.productName,
        amount: order.amount,
        currency: order.currency,
        paymentIntentId: order.paymentIntentId,
        clientSecret: order.clientSecret,
      });
    }
    const signup = shop.signups.get(request.params.id);
    if (signup?.paymentIntentId && signup.clientSecret) {
      if (await signupPaidAtProvider(shop, signup)) return reply.redirect(completeUrl(signup.paymentIntentId), 303);
      return checkoutPage(reply, shop, {
        description: `${signup.planName}, first month`,
        amount: signup.amount,
        currency: signup.currency,
        paymentIntentId: signup.paymentIntentId,
        clientSecret: signup.clientSecret,
      });
    }
    return notFound();
  });
}

function checkoutPage(
  reply: FastifyReply,
  shop: EmbeddedShopContext,
  payment: Omit<CheckoutPageState, 'publishableKey' | 'returnUrl'>,
): FastifyReply {
  return sendPage(reply, 200, {
    title: 'Payment',
    body: checkoutBody({ ...payment, publishableKey: shop.providerPublishableKey, returnUrl: `${shop.shopUrl}/orders/complete` }),
    head: checkoutScripts(shop.providerUrl),
    snippet: shop.snippet,
  });
}
