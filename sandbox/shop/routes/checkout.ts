import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { errorBody } from '../pages/errorPage';
import { productBody } from '../pages/product';
import type { CatalogueItem } from '../../merchant/catalogueItem';
import { productBySlug } from '../catalogue';
import type { Order } from '../orders';
import type { ShopContext } from '../shopContext';
import { logFailure } from '../failureLog';
import { confirmPaymentWithProvider } from '../fulfilment';
import { canceledUrl } from './subscribe';
import { formValue } from '../../merchant/formValue';
import { orderFormProblem } from '../../merchant/formPatterns';
import { secretKeyInPage } from '../pages/shopConfig';
import { sendPage } from './sendPage';
import { referralIdFromRequest } from '../clickCookie';
import { referralCheckoutParams } from '../referralCheckoutParams';

const DEFAULT_PRODUCT_SLUG = 'tshirt';

/**
 * POST /checkout: creates the order (once per order token) and its checkout session at the provider.
 * The idempotency key `checkout-<order token>` makes a double submit return the same session.
 */
export function checkoutRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.post('/checkout', async (request, reply) => {
    const token = formValue(request.body, 'order_token');
    const email = formValue(request.body, 'email').trim();
    // Forms from before the shop sold more than the T-shirt carry no product field.
    const product = productBySlug(shop.products, formValue(request.body, 'product') || DEFAULT_PRODUCT_SLUG);
    if (!product) {
      return sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that product', 'Please choose a product from the shop.'),
        snippet: shop.snippet,
      });
    }
    const retryForm = (status: number, error: string, keepEmail = email) =>
      sendPage(reply, status, {
        title: product.name,
        body: productBody(product, { orderToken: randomUUID(), email: keepEmail, error, secretKeyInPage: secretKeyInPage(shop) }),
        snippet: shop.snippet,
      });

    const formProblem = orderFormProblem(token, email);
    if (formProblem) return retryForm(400, formProblem.message, formProblem.keepEmail ? email : '');

    // The defect shop.non-idempotent-checkout: the token is ignored, every submit is a new order and session.
    const nonIdempotent = shop.faults.has('shop.non-idempotent-checkout');
    const orderToken = nonIdempotent ? randomUUID() : token;
    const order =
      shop.orders.findByToken(orderToken) ??
      shop.orders.create({
        token: orderToken,
        productSlug: product.slug,
        productName: product.name,
        amount: product.unitAmount,
        currency: product.currency,
        email,
        referralClickId: referralIdFromRequest(shop, request),
      });
    if (order.paidAt === null && order.checkoutSessionId) {
      // Paid at the provider but its webhook not here yet: the success page, not a completed payment page.
      await confirmPaymentWithProvider(shop.stripe, shop.orders, order).catch((error) => logFailure('POST /checkout (resubmit)', error));
    }
    if (order.paidAt !== null && order.checkoutSessionId) {
      return reply.redirect(`/success?session_id=${encodeURIComponent(order.checkoutSessionId)}`, 303);
    }

    let session: Stripe.Checkout.Session;
    try {
      session = await shop.stripe.checkout.sessions.create(
        sessionParams(shop, order, productBySlug(shop.products, order.productSlug) ?? product),
        nonIdempotent ? {} : { idempotencyKey: `checkout-${order.token}` },
      );
    } catch (error) {
      logFailure('POST /checkout', error);
      return retryForm(502, 'We could not start the payment just now. You have not been charged; please try again.');
    }
    if (!session.url) return retryForm(502, 'We could not start the payment just now. Please try again.');
    if (!order.checkoutSessionId) order.checkoutSessionId = session.id;
    return reply.redirect(session.url, 303);
  });
}

/** The session is built from the stored order, so a repeated submit sends exactly the same parameters. */
function sessionParams(shop: ShopContext, order: Order, product: CatalogueItem): Stripe.Checkout.SessionCreateParams {
  const referral = referralCheckoutParams(shop.referralPlatform, order.referralClickId, 'payment');
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    line_items: [{ price: product.priceId, quantity: 1 }],
    customer_email: order.email,
    metadata: { order_id: order.id, ...referral.metadata },
    payment_intent_data: { metadata: { order_id: order.id } },
    success_url: `${shop.shopUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: canceledUrl(shop, order.id),
  };
  if (referral.client_reference_id) params.client_reference_id = referral.client_reference_id;
  if (referral.customer_creation) params.customer_creation = referral.customer_creation;
  return params;
}
