import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import { logFailure } from '../failureLog';
import { errorBody } from '../pages/errorPage';
import { pricingBody } from '../pages/pricing';
import type { ShopContext } from '../shopContext';
import type { Signup } from '../subscriptions';
import { referralIdFromRequest } from '../clickCookie';
import { referralCheckoutParams } from '../referralCheckoutParams';
import { formValue } from '../../merchant/formValue';
import { orderFormProblem } from '../../merchant/formPatterns';
import { orderTokenInUrl } from '../../merchant/orderTokenInUrl';
import { keptTestClock, testClockProblem } from '../../merchant/testClockField';
import { sendPage } from './sendPage';

/**
 * GET /pricing and POST /subscribe: a customer at the provider (on the test clock the form carries, test mode
 * only), then a `mode=subscription` checkout session, once per order token.
 */
export function subscribeRoutes(app: FastifyInstance, shop: ShopContext): void {
  const testClockRefused = (reply: FastifyReply) =>
    sendPage(reply, 400, {
      title: 'Not available',
      body: errorBody('This link is not available', 'Test clocks can only be used with test keys. Please use the pricing page instead.'),
      snippet: shop.snippet,
    });

  app.get('/pricing', async (request, reply) => {
    const testClock = formValue(request.query, 'test_clock');
    const problem = testClockProblem(testClock, shop.testMode);
    if (problem === 'live-mode') return testClockRefused(reply);
    if (problem === 'malformed') {
      return sendPage(reply, 400, {
        title: 'Not available',
        body: errorBody('This link is not complete', 'Please open the pricing page again.'),
        snippet: shop.snippet,
      });
    }
    const orderToken = orderTokenInUrl(request, reply);
    if (!orderToken) return reply;
    return sendPage(reply, 200, {
      title: shop.plan.name,
      body: pricingBody(shop.plan, { orderToken, testClockId: testClock || undefined }),
      snippet: shop.snippet,
    });
  });

  app.post('/subscribe', async (request, reply) => {
    const nonIdempotent = shop.faults.has('shop.non-idempotent-checkout');
    const formToken = formValue(request.body, 'order_token');
    const email = formValue(request.body, 'email').trim();
    const slug = formValue(request.body, 'plan') || shop.plan.slug;
    const testClock = formValue(request.body, 'test_clock');
    const retryForm = (status: number, error: string, keepEmail = email) =>
      sendPage(reply, status, {
        title: shop.plan.name,
        body: pricingBody(shop.plan, {
          orderToken: randomUUID(),
          email: keepEmail,
          error,
          testClockId: keptTestClock(testClock, shop.testMode),
        }),
        snippet: shop.snippet,
      });

    if (slug !== shop.plan.slug) {
      return sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that plan', 'Please choose a plan from the pricing page.'),
        snippet: shop.snippet,
      });
    }
    const problem = testClockProblem(testClock, shop.testMode);
    if (problem === 'live-mode') return testClockRefused(reply);
    if (problem === 'malformed') return retryForm(400, 'This form has expired. Please try again.');
    const formProblem = orderFormProblem(formToken, email);
    if (formProblem) return retryForm(400, formProblem.message, formProblem.keepEmail ? email : '');

    // The defect shop.non-idempotent-checkout: the token is ignored, every submit is a new sign-up.
    const token = nonIdempotent ? randomUUID() : formToken;
    const signup =
      shop.signups.findByToken(token) ??
      shop.signups.create({
        token,
        planSlug: shop.plan.slug,
        planName: shop.plan.name,
        amount: shop.plan.unitAmount,
        currency: shop.plan.currency,
        email,
        referralClickId: referralIdFromRequest(shop, request),
        testClockId: testClock || null,
      });
    if (signup.completedAt !== null && signup.checkoutSessionId) {
      return reply.redirect(`/success?session_id=${encodeURIComponent(signup.checkoutSessionId)}`, 303);
    }

    try {
      if (signup.checkoutSessionId && (await completedAtProvider(shop, signup))) {
        return reply.redirect(`/success?session_id=${encodeURIComponent(signup.checkoutSessionId)}`, 303);
      }
      const keys = nonIdempotent ? {} : { customer: `subscribe-customer-${signup.token}`, session: `subscribe-${signup.token}` };
      if (!signup.customerId) {
        const customer = await shop.stripe.customers.create(customerParams(signup), requestOptions(keys.customer));
        if (!signup.customerId) signup.customerId = customer.id;
      }
      const session = await shop.stripe.checkout.sessions.create(sessionParams(shop, signup), requestOptions(keys.session));
      if (!session.url) return retryForm(502, 'We could not start the payment just now. Please try again.');
      if (!signup.checkoutSessionId) {
        signup.checkoutSessionId = session.id;
        signup.checkoutUrl = session.url;
      }
      return reply.redirect(session.url, 303);
    } catch (error) {
      logFailure('POST /subscribe', error);
      return retryForm(502, 'We could not start the payment just now. You have not been charged; please try again.');
    }
  });
}

function requestOptions(idempotencyKey: string | undefined): Stripe.RequestOptions {
  return idempotencyKey ? { idempotencyKey } : {};
}

/** A second submit of a form whose sign-up the provider already completed (its webhook may still be on its way). */
async function completedAtProvider(shop: ShopContext, signup: Signup): Promise<boolean> {
  const session = await shop.stripe.checkout.sessions.retrieve(signup.checkoutSessionId!);
  return session.status === 'complete';
}

/** Built from the stored sign-up, so a repeated submit sends exactly the same parameters. */
function customerParams(signup: Signup): Stripe.CustomerCreateParams {
  const params: Stripe.CustomerCreateParams = { email: signup.email, metadata: { order_id: signup.id } };
  if (signup.testClockId) params.test_clock = signup.testClockId;
  return params;
}

function sessionParams(shop: ShopContext, signup: Signup): Stripe.Checkout.SessionCreateParams {
  const referral = referralCheckoutParams(shop.referralPlatform, signup.referralClickId, 'subscription');
  const metadata: Record<string, string> = { order_id: signup.id, ...referral.metadata };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'subscription',
    customer: signup.customerId!,
    line_items: [{ price: shop.plan.priceId, quantity: 1 }],
    metadata,
    subscription_data: { metadata: { ...metadata } },
    success_url: `${shop.shopUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: canceledUrl(shop, signup.id),
  };
  if (referral.client_reference_id) params.client_reference_id = referral.client_reference_id;
  return params;
}

/**
 * The Back link of the payment page. `{CHECKOUT_SESSION_ID}` is filled in where the provider supports it in
 * `cancel_url`; the order id finds the session where it does not.
 */
export function canceledUrl(shop: ShopContext, orderId: string): string {
  return `${shop.shopUrl}/checkout/canceled?session_id={CHECKOUT_SESSION_ID}&order=${encodeURIComponent(orderId)}`;
}
