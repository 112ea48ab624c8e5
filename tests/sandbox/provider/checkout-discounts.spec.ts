import type Stripe from 'stripe';
import {
  test,
  expect,
  CARDS,
  chargeOf,
  createCatalogItem,
  createRecurringItem,
  idOf,
  payOnHostedPage,
  rejectionOf,
  SUCCESS_URL,
  uniq,
  uniqueEmail,
  waitForClockReady,
} from './support/fixtures';

const DAY = 86400;
const START = Math.floor(Date.UTC(2034, 2, 1, 8) / 1000); // 1 March 2034: the first period runs to 1 April (31 days)

/** A payment-mode session for 3 × 1999 (5997) and 1 × 1003 with these extra params. */
async function paymentSession(stripe: Stripe, params: Partial<Stripe.Checkout.SessionCreateParams>) {
  const shirt = await createCatalogItem(stripe, 1999);
  const mug = await createCatalogItem(stripe, 1003);
  return stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      { price: shirt.price.id, quantity: 3 },
      { price: mug.price.id, quantity: 1 },
    ],
    success_url: SUCCESS_URL,
    ...params,
  });
}

test.describe('Checkout discounts (payment mode)', () => {
  test('a coupon takes its amount off the session, its line items and the payment intent; it is redeemed when the session completes', async ({
    stripe,
  }) => {
    const coupon = await stripe.coupons.create({ percent_off: 25 });
    const session = await paymentSession(stripe, { discounts: [{ coupon: coupon.id }] });
    // 7000 × 25% = 1750, spread over the lines in proportion: 5997 → 1499 (1499.25), 1003 → 251 (250.75).
    expect(session).toMatchObject({
      amount_subtotal: 7000,
      amount_total: 5250,
      total_details: { amount_discount: 1750 },
      discounts: [{ coupon: coupon.id, promotion_code: null }],
    });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((i) => [i.amount_subtotal, i.amount_discount, i.amount_total])).toEqual([
      [5997, 1499, 4498],
      [1003, 251, 752],
    ]);
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(0);

    const result = await payOnHostedPage(session, CARDS.visa);
    expect(result.status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const intent = await stripe.paymentIntents.retrieve(idOf(paid.payment_intent)!);
    expect(intent.amount).toBe(5250);
    expect((await chargeOf(stripe, intent.id)).amount).toBe(5250);
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
  });

  test('a promotion code (with its restrictions) and an amount_off coupon in the session currency', async ({ stripe }) => {
    const coupon = await stripe.coupons.create({ amount_off: 1000, currency: 'usd', max_redemptions: 1 });
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' },
    });
    const session = await paymentSession(stripe, { discounts: [{ promotion_code: promo.id }] });
    expect(session).toMatchObject({
      amount_total: 6000,
      total_details: { amount_discount: 1000 },
      discounts: [{ coupon: coupon.id, promotion_code: promo.id }],
    });

    const small = await createCatalogItem(stripe, 1200);
    const below = await rejectionOf(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: small.price.id, quantity: 1 }],
        success_url: SUCCESS_URL,
        discounts: [{ promotion_code: promo.id }],
      }),
    );
    expect(below.param).toBe('discounts[0][promotion_code]');

    const euro = await stripe.prices.create({ product: small.product.id, unit_amount: 9000, currency: 'eur' });
    const otherCurrency = await rejectionOf(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: euro.id, quantity: 1 }],
        success_url: SUCCESS_URL,
        discounts: [{ coupon: coupon.id }],
      }),
    );
    expect(otherCurrency.param).toBe('discounts[0]');

    // Paying redeems the coupon's only redemption: it is no longer valid, for a coupon or its code.
    expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 1, valid: false });
    expect(await stripe.promotionCodes.retrieve(promo.id)).toMatchObject({ times_redeemed: 1, active: false });
    const spent = await rejectionOf(paymentSession(stripe, { discounts: [{ coupon: coupon.id }] }));
    expect(spent.message).toMatch(/maximum number of times/);
  });

  test('a customer-restricted code is refused for anyone else; unknown coupons are 404', async ({ stripe }) => {
    const coupon = await stripe.coupons.create({ percent_off: 10 });
    const owner = await stripe.customers.create({ email: uniqueEmail('owner') });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, customer: owner.id });
    const other = await stripe.customers.create({ email: uniqueEmail('other') });
    const refused = await rejectionOf(paymentSession(stripe, { customer: other.id, discounts: [{ promotion_code: promo.id }] }));
    expect(refused.param).toBe('discounts[0][promotion_code]');
    expect(
      (await paymentSession(stripe, { customer: owner.id, discounts: [{ promotion_code: promo.id }] })).total_details?.amount_discount,
    ).toBe(700);
    const unknown = await rejectionOf(paymentSession(stripe, { discounts: [{ coupon: uniq('NOPE') }] }));
    expect(unknown).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'discounts[0][coupon]' });
  });

  test("allow_promotion_codes is kept on the session; with discounts it is Stripe's 400", async ({ stripe }) => {
    const allowed = await paymentSession(stripe, { allow_promotion_codes: true });
    expect(allowed).toMatchObject({ allow_promotion_codes: true, amount_total: 7000, discounts: [] });
    const coupon = await stripe.coupons.create({ percent_off: 10 });
    const both = await rejectionOf(paymentSession(stripe, { allow_promotion_codes: true, discounts: [{ coupon: coupon.id }] }));
    expect(both.message).toBe('You may only specify one of these parameters: allow_promotion_codes, discounts.');
    const two = await rejectionOf(paymentSession(stripe, { discounts: [{ coupon: coupon.id }, { coupon: coupon.id }] }));
    expect(two.param).toBe('discounts');
  });
});

test.describe("Checkout discounts (subscription mode) and the subscription session's payment", () => {
  test("the coupon goes on the subscription and its first invoice; the session has no payment_intent: the payment is the invoice's", async ({
    stripe,
  }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START });
    const customer = await stripe.customers.create({ email: uniqueEmail('sub-discount'), test_clock: clock.id });
    const coupon = await stripe.coupons.create({ percent_off: 50, duration: 'once' });
    const { price } = await createRecurringItem(stripe, 1500);
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: SUCCESS_URL,
      discounts: [{ coupon: coupon.id }],
    });
    expect(session).toMatchObject({
      amount_subtotal: 1500,
      amount_total: 750,
      total_details: { amount_discount: 750 },
      payment_intent: null,
    });

    expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: null });
    // A subscription's first payment, found as against Stripe: the session's invoice, then its payments.
    const invoice = await stripe.invoices.retrieve(idOf(paid.invoice)!, { expand: ['payments', 'discounts'] });
    expect(invoice).toMatchObject({ billing_reason: 'subscription_create', status: 'paid', subtotal: 1500, total: 750, amount_paid: 750 });
    const intentId = idOf(invoice.payments!.data[0]!.payment.payment_intent)!;
    expect((await chargeOf(stripe, intentId)).amount).toBe(750);
    const discount = invoice.discounts[0] as Stripe.Discount;
    expect(discount).toMatchObject({
      object: 'discount',
      source: { type: 'coupon', coupon: coupon.id },
      subscription: idOf(paid.subscription),
      customer: customer.id,
      checkout_session: null,
      end: null,
      start: START,
    });
    expect(invoice.total_discount_amounts).toEqual([{ amount: 750, discount: discount.id }]);
    expect(invoice.lines.data[0]).toMatchObject({ amount: 1500, discount_amounts: [{ amount: 750, discount: discount.id }] });

    const subscription = await stripe.subscriptions.retrieve(idOf(paid.subscription)!);
    expect(subscription.discounts).toEqual([discount.id]);
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);

    // `once`: the renewal is at full price and the discount leaves the subscription.
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 31 * DAY + 3600 });
    await waitForClockReady(stripe, clock.id);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id })).data.find(
      (i) => i.billing_reason === 'subscription_cycle',
    )!;
    expect(renewal).toMatchObject({ total: 1500, amount_paid: 1500, discounts: [] });
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.discounts).toEqual([]);
    const updated = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 20 })).data.find(
      (e) => (e.data.object as Stripe.Subscription).id === subscription.id,
    );
    expect(updated?.data.previous_attributes).toMatchObject({ discounts: [discount.id] });
  });

  test('a forever promotion code keeps discounting renewals', async ({ stripe }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START });
    const customer = await stripe.customers.create({ email: uniqueEmail('forever'), test_clock: clock.id });
    const coupon = await stripe.coupons.create({ amount_off: 200, currency: 'usd', duration: 'forever' });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id } });
    const { price } = await createRecurringItem(stripe, 1500);
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: SUCCESS_URL,
      discounts: [{ promotion_code: promo.id }],
    });
    expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    const subscriptionId = idOf((await stripe.checkout.sessions.retrieve(session.id)).subscription)!;
    const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['discounts'] });
    expect(subscription.discounts[0]).toMatchObject({ promotion_code: promo.id, source: { coupon: coupon.id } });
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 31 * DAY + 3600 });
    await waitForClockReady(stripe, clock.id);
    const invoices = (await stripe.invoices.list({ subscription: subscriptionId })).data;
    expect(invoices.map((i) => [i.billing_reason, i.total])).toEqual([
      ['subscription_cycle', 1300],
      ['subscription_create', 1300],
    ]);
  });

  test('a declined subscription checkout leaves the session without a payment_intent, as at Stripe', async ({ stripe }) => {
    const { price } = await createRecurringItem(stripe, 1500);
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: uniqueEmail('declined'),
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: SUCCESS_URL,
    });
    expect((await payOnHostedPage(session, CARDS.genericDecline)).status).toBe(402);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'open',
      payment_intent: null,
      invoice: null,
      subscription: null,
    });
  });
});
