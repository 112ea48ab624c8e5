import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { clickIdFrom } from '../../merchant/clickCookie';
import { logFailure } from '../failureLog';
import { formValue } from '../../merchant/formValue';
import { isOrderToken } from '../../merchant/orderTokenInUrl';
import { ensurePaymentIntent, paidAtProvider } from '../orderPayment';
import { checkoutBody, checkoutScripts, type CheckoutPageState } from '../pages/checkout';
import { errorBody, sendPage } from '../pages/layout';
import { productBody } from '../pages/storefront';
import type { EmbeddedShopContext } from '../shopContext';
import { signupPaidAtProvider } from './subscribe';

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The success page (the payment's return URL) of a payment intent. */
export function completeUrl(paymentIntentId: string): string {
  return `/orders/complete?payment_intent=${encodeURIComponent(paymentIntentId)}`;
}

/** A well-formed email address as the order forms accept it. */
export function isEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

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
      sendPage(reply, status, { title: product.name, body: productBody(product, { orderToken: randomUUID(), email: keepEmail, error }), snippet: shop.snippet });
    if (!isOrderToken(token)) return retryForm(400, 'This form has expired. Please check your email and try again.');
    if (!isEmail(email)) return retryForm(400, 'Please enter a valid email address.', '');

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
