import type Stripe from 'stripe';
import { CARDS, createPaymentSession, expect, idOf, payOnHostedPage, SUCCESS_URL, test, uniq } from '../support/fixtures';
import { aroundGate } from './pinnedClients';

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose => value as Loose;

test.describe('API version gates: Checkout Sessions and discounts', () => {
  test('2022-08-01: before it a session has shipping and shipping_rate; from it shipping_details and shipping_cost', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2022-08-01');
    const { session } = await createPaymentSession(stripe);

    const old = loose(await before.checkout.sessions.retrieve(session.id));
    expect(old).toMatchObject({ shipping: null, shipping_rate: null });
    expect(old).not.toHaveProperty('shipping_details');
    expect(old).not.toHaveProperty('shipping_cost');

    const current = loose(await after.checkout.sessions.retrieve(session.id));
    expect(current).toMatchObject({ shipping_details: null, shipping_cost: null });
    expect(current).not.toHaveProperty('shipping');
    expect(current).not.toHaveProperty('shipping_rate');
  });

  test('2025-03-31.basil: before it a session has a top-level shipping_details; from it only collected_information', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const { session } = await createPaymentSession(stripe);

    expect(loose(await before.checkout.sessions.retrieve(session.id))).toHaveProperty('shipping_details', null);
    const current = loose(await after.checkout.sessions.retrieve(session.id));
    expect(current).not.toHaveProperty('shipping_details');
    expect(current).toHaveProperty('collected_information');
  });

  test("2026-03-25.dahlia: before it a hosted session's ui_mode is hosted; from it hosted_page", async ({ provider, stripe }) => {
    const { before, after } = aroundGate(provider, '2026-03-25.dahlia');
    const { session } = await createPaymentSession(stripe);

    expect(loose(await before.checkout.sessions.retrieve(session.id)).ui_mode).toBe('hosted');
    expect(loose(await after.checkout.sessions.retrieve(session.id)).ui_mode).toBe('hosted_page');
    // A list renders each session too.
    expect((await before.checkout.sessions.list({ limit: 100 })).data.find((s) => s.id === session.id)!.ui_mode as string).toBe('hosted');
  });

  test('2025-09-30.clover: before it a discount and a promotion code embed their coupon as `coupon`; from it an id under source / promotion', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-09-30.clover');
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'forever', name: uniq('Ten off') });
    const product = await stripe.products.create({ name: uniq('Discounted plan') });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: price.id, quantity: 1 }],
      discounts: [{ coupon: coupon.id }],
      success_url: SUCCESS_URL,
    });
    expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    const subscriptionId = idOf((await stripe.checkout.sessions.retrieve(session.id)).subscription)!;

    const old = await before.subscriptions.retrieve(subscriptionId, { expand: ['discounts'] });
    const oldDiscount = loose(old.discounts[0]);
    expect(oldDiscount).toMatchObject({ object: 'discount', coupon: { id: coupon.id, object: 'coupon', percent_off: 10 } });
    expect(oldDiscount).not.toHaveProperty('source');

    const current = await after.subscriptions.retrieve(subscriptionId, { expand: ['discounts'] });
    const discount = current.discounts[0] as Stripe.Discount;
    expect(discount.source).toEqual({ coupon: coupon.id, type: 'coupon' });
    expect(discount).not.toHaveProperty('coupon');

    // A promotion code of the same coupon: before clover its `coupon` is the Coupon; from it, `promotion.coupon` is an id.
    const code = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: uniq('TEN')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, ''),
    });
    const oldCode = loose(await before.promotionCodes.retrieve(code.id));
    expect(oldCode.coupon).toMatchObject({ id: coupon.id, object: 'coupon', percent_off: 10 });
    expect(oldCode).not.toHaveProperty('promotion');
    const currentCode = await after.promotionCodes.retrieve(code.id);
    expect(currentCode.promotion).toEqual({ coupon: coupon.id, type: 'coupon' });
    expect(currentCode).not.toHaveProperty('coupon');

    // Before basil as well, the subscription's single `discount` is that Discount object.
    const basil = aroundGate(provider, '2025-03-31.basil').before;
    expect(loose(await basil.subscriptions.retrieve(subscriptionId)).discount).toMatchObject({
      id: discount.id,
      coupon: { id: coupon.id },
    });
  });

  test('a session request takes the ui_mode names of its own version: hosted before 2026-03-25.dahlia, hosted_page from it', async ({
    provider,
  }) => {
    const { before, after } = aroundGate(provider, '2026-03-25.dahlia');
    const create = (client: Stripe, uiMode: string) =>
      client.checkout.sessions.create({
        mode: 'payment',
        ui_mode: uiMode as Stripe.Checkout.SessionCreateParams.UiMode,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'Ui mode' } } }],
        success_url: SUCCESS_URL,
      });
    expect(loose(await create(before, 'hosted')).ui_mode).toBe('hosted');
    expect(loose(await create(after, 'hosted_page')).ui_mode).toBe('hosted_page');
    await expect(create(after, 'hosted')).rejects.toMatchObject({ param: 'ui_mode' });
  });
});
