import { randomUUID } from 'node:crypto';
import { TEST_CARDS } from '../../../src/model/target/testCards';
import type { Customer, TargetEnvironment } from '../../../src/model/target/contract';
import { embeddedElementsFlows } from '../../../targets/embedded-elements/flows';
import { test, expect, type KissaUnderTest } from './kissaUnderTest';

const customer = (): Customer => ({
  email: `kissa-${randomUUID()}@example.test`,
  name: 'Kissa Customer',
  billingCountry: 'JP',
  billingPostalCode: '600-8001',
});

function environmentOf(kissa: KissaUnderTest): TargetEnvironment {
  const { sandbox } = kissa;
  return {
    merchant: { baseUrl: sandbox.embeddedShop.url, adminKey: sandbox.embeddedShop.apiKey },
    provider: { apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey, publishableKey: sandbox.provider.publishableKey },
    referral: { apiBase: sandbox.referral.url, secretKey: sandbox.referral.apiKey, publishableKey: sandbox.referral.publishableKey },
    requiredWebhookEndpoints: [],
    release: async () => {},
  };
}

test.describe('the embedded shop in a browser', () => {
  test('a referred customer buys the matcha set with 4242 in the Payment Element: fulfilled once, the sale reported once', async ({
    page,
    kissa,
  }) => {
    const flows = embeddedElementsFlows(page, environmentOf(kissa));
    const buyer = customer();

    const { clickId } = await flows.openReferralLink('alice', 'run-kissa-purchase');
    await flows.startCheckout('matcha-set', buyer);
    const filled = await flows.fillPayment(TEST_CARDS.succeeds, buyer);
    await flows.submitPayment();
    const order = await flows.readOrder();

    expect(filled.payment).toEqual(order.payment);
    expect(order).toMatchObject({ status: 'paid', amountText: '¥3,200', confirmationEmails: 1 });
    const intent = await kissa.stripe.paymentIntents.retrieve(order.payment.id);
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 3200,
      currency: 'jpy',
      metadata: { order_id: order.orderId, referral_click_id: clickId },
    });
    await expect
      .poll(async () => (await kissa.merchantApi('GET', `/orders/${order.orderId}`)).body.referral_conversion, {
        message: 'the shop reports the sale',
      })
      .toMatch(/^conv_/);
    const conversions = (await kissa.referral(`/v1/conversions?payment_intent=${order.payment.id}`)).data;
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({
      click: clickId,
      amount: 3200,
      currency: 'jpy',
      source: { type: 'payment_intent', id: order.payment.id },
    });
    const [commission] = (await kissa.referral(`/v1/commissions?conversion=${conversions[0].id}`)).data;
    expect(commission).toMatchObject({ amount: 640, currency: 'jpy', status: 'pending' });
    expect((await kissa.merchantApi('GET', `/orders/${order.orderId}`)).body.fulfilment_count).toBe(1);
  });

  test("a declined card shows Stripe.js's message on the checkout page and the customer can pay again", async ({ page, kissa }) => {
    const flows = embeddedElementsFlows(page, environmentOf(kissa));
    const buyer = customer();

    await flows.startCheckout('sencha', buyer);
    await flows.fillPayment(TEST_CARDS.declined, buyer);
    const problem = await flows.submitPaymentExpectingDecline!();
    await flows.fillPayment(TEST_CARDS.succeeds, buyer);
    await flows.submitPayment();

    expect(problem.message).toBe('Your card was declined.');
    expect(new URL(problem.page).pathname).toMatch(/^\/checkout\/ord_/);
    expect(await flows.readOrder()).toMatchObject({ status: 'paid', amountText: '¥1,500' });
  });

  test('a 3-D Secure card whose challenge the customer fails: the checkout page says so and nothing is charged', async ({
    page,
    kissa,
  }) => {
    const flows = embeddedElementsFlows(page, environmentOf(kissa));
    const buyer = customer();

    await flows.startCheckout('sencha', buyer);
    const filled = await flows.fillPayment(TEST_CARDS.threeDSecureRequired, buyer);
    const problem = await flows.submitPaymentExpectingDecline!({ threeDSecure: 'fail' });

    expect(problem.message).toMatch(/unable to authenticate/i);
    expect((await kissa.stripe.paymentIntents.retrieve(filled.payment!.id)).status).toBe('requires_payment_method');
    expect(await flows.openSuccessPage!(filled.payment!)).toBeUndefined();
  });

  test('a double click on Buy makes one payment intent, and the paid form resubmitted shows the success page', async ({ page, kissa }) => {
    const flows = embeddedElementsFlows(page, environmentOf(kissa));
    const buyer = customer();
    const since = Math.floor(Date.now() / 1000) - 1;

    await flows.startCheckoutWithDoubleClick!('sencha', buyer);
    await flows.fillPayment(TEST_CARDS.succeeds, buyer);
    await flows.submitPayment();
    const first = await flows.readOrder();
    const landing = await flows.goBackAndResubmitOrder!();
    const again = await flows.readOrder();

    const intents = (await kissa.stripe.paymentIntents.list({ created: { gte: since }, limit: 100 })).data.filter(
      (pi) => pi.receipt_email === buyer.email,
    );
    expect(intents.map((pi) => pi.id)).toEqual([first.payment.id]);
    expect(landing).toBe('merchant-success-page');
    expect(again).toEqual(first);
  });

  test('a subscriber pays the first invoice in the Payment Element and the account page shows the subscription active', async ({
    page,
    kissa,
  }) => {
    const flows = embeddedElementsFlows(page, environmentOf(kissa));
    const buyer = customer();

    await flows.openReferralLink('alice', 'run-kissa-subscription');
    await flows.startSubscription!('tea-club', buyer);
    await flows.fillPayment(TEST_CARDS.succeeds, buyer);
    await flows.submitPayment();
    const shown = await flows.readSubscription!();

    expect(shown.status).toBe('active');
    expect((await kissa.stripe.subscriptions.retrieve(shown.subscriptionId)).status).toBe('active');
    await expect
      .poll(() => flows.readAccountSubscriptionStatus!(shown.subscriptionId), { message: 'the account page shows it active' })
      .toBe('active');
    await expect
      .poll(async () => (await kissa.referral(`/v1/conversions?subscription=${shown.subscriptionId}`)).data.length, {
        message: 'the first invoice earns a conversion',
      })
      .toBe(1);
  });
});
