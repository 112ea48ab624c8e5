import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { clickIdFrom } from '../../merchant/clickCookie';
import { formValue } from '../../merchant/formValue';
import { orderFormProblem } from '../../merchant/formPatterns';
import { orderTokenInUrl } from '../../merchant/orderTokenInUrl';
import { keptTestClock, testClockProblem } from '../../merchant/testClockField';
import { logFailure } from '../failureLog';
import { errorBody, sendPage } from '../pages/layout';
import { pricingBody } from '../pages/storefront';
import type { EmbeddedShopContext } from '../shopContext';
import { completeUrl } from '../completeUrl';
import { ensureSubscription, signupPaidAtProvider } from '../signupPayment';

/**
 * GET /pricing (`?test_clock=clock_…` in test mode only: the new customer is created on that provider test clock)
 * and POST /subscribe: the customer and a `default_incomplete` subscription once per form token, then the shop's
 * checkout page, where the Payment Element pays the first invoice.
 */
export function subscribeRoutes(app: FastifyInstance, shop: EmbeddedShopContext): void {
  const refused = (reply: FastifyReply, message: string) =>
    sendPage(reply, 400, { title: 'Not available', body: errorBody('This link is not available', message), snippet: shop.snippet });

  app.get('/pricing', async (request, reply) => {
    const testClock = formValue(request.query, 'test_clock');
    const problem = testClockProblem(testClock, shop.testMode);
    if (problem === 'live-mode') return refused(reply, 'Test clocks can only be used with test keys. Please use the pricing page instead.');
    if (problem === 'malformed') return refused(reply, 'This link is not complete. Please open the pricing page again.');
    const orderToken = orderTokenInUrl(request, reply);
    const form = { orderToken: orderToken ?? '', ...(testClock ? { testClockId: testClock } : {}) };
    return orderToken ? sendPage(reply, 200, { title: shop.plan.name, body: pricingBody(shop.plan, form), snippet: shop.snippet }) : reply;
  });

  app.post('/subscribe', async (request, reply) => {
    const token = formValue(request.body, 'order_token');
    const email = formValue(request.body, 'email').trim();
    const testClock = formValue(request.body, 'test_clock');
    const problem = testClockProblem(testClock, shop.testMode);
    if (problem === 'live-mode') return refused(reply, 'Test clocks can only be used with test keys. Please use the pricing page instead.');
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
    if (problem === 'malformed') return retryForm(400, 'This form has expired. Please try again.');
    const formProblem = orderFormProblem(token, email);
    if (formProblem) return retryForm(400, formProblem.message, formProblem.keepEmail ? email : '');

    const signup =
      shop.signups.findByToken(token) ??
      shop.signups.create({
        token,
        planName: shop.plan.name,
        amount: shop.plan.unitAmount,
        currency: shop.plan.currency,
        email,
        referralClickId: clickIdFrom(request.cookies),
        testClockId: testClock || null,
      });
    try {
      await ensureSubscription(shop, signup);
      if (await signupPaidAtProvider(shop, signup)) return reply.redirect(completeUrl(signup.paymentIntentId!), 303);
    } catch (error) {
      logFailure('POST /subscribe', error);
      return retryForm(502, 'We could not start the payment just now. You have not been charged; please try again.');
    }
    return reply.redirect(`/checkout/${signup.id}`, 303);
  });
}
