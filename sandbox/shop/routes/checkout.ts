import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { errorBody } from '../pages/errorPage';
import { productBody } from '../pages/product';
import { productBySlug, type CatalogueItem } from '../catalogue';
import type { Order } from '../orders';
import type { ShopContext } from '../shopContext';
import { logFailure } from '../failureLog';
import { confirmPaymentWithProvider } from '../fulfillment';
import { canceledUrl } from './subscribe';
import { formValue } from './formValue';
import { secretKeyInPage } from '../pages/shopConfig';
import { sendPage } from './sendPage';
import { clickIdFromCookie } from '../clickCookie';

const ORDER_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLICK_ID = /^[A-Za-z0-9_-]{1,128}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
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

    if (!ORDER_TOKEN.test(token)) return retryForm(400, 'This form has expired. Please check your email and try again.');
    if (email.length > 254 || !EMAIL.test(email)) return retryForm(400, 'Please enter a valid email address.', '');

    // The defect shop.non-idempotent-checkout: the token is ignored, every submit is a new order and session.
    const nonIdempotent = shop.faults.has('shop.non-idempotent-checkout');
    const orderToken = nonIdempotent ? randomUUID() : token;
    const cookieClickId = clickIdFromCookie(shop, request);
    const order =
      shop.orders.findByToken(orderToken) ??
      shop.orders.create({
        token: orderToken,
        productSlug: product.slug,
        productName: product.name,
        amount: product.unitAmount,
        currency: product.currency,
        email,
        referralClickId: CLICK_ID.test(cookieClickId) ? cookieClickId : null,
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
  const metadata: Record<string, string> = { order_id: order.id };
  if (order.referralClickId) metadata.referral_click_id = order.referralClickId;
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    line_items: [{ price: product.priceId, quantity: 1 }],
    customer_email: order.email,
    metadata,
    payment_intent_data: { metadata: { order_id: order.id } },
    success_url: `${shop.shopUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: canceledUrl(shop, order.id),
  };
  if (order.referralClickId) params.client_reference_id = order.referralClickId;
  return params;
}

