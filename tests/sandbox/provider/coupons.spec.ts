import type Stripe from 'stripe';
import { test, expect, rejectionOf, uniq } from './support/fixtures';

async function eventsAbout(stripe: Stripe, id: string, prefix: string): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ limit: 100 })).data.reverse();
  return events.filter((e) => e.type.startsWith(prefix) && (e.data.object as { id: string }).id === id);
}

test.describe('coupons', () => {
  test('create (percent_off, once by default), retrieve, update name/metadata, list, delete: with coupon.* events', async ({ stripe }) => {
    const id = uniq('SPRING');
    const coupon = await stripe.coupons.create({ id, percent_off: 12.5, name: 'Spring sale', metadata: { campaign: 'spring' } });
    expect(coupon).toMatchObject({
      id,
      object: 'coupon',
      percent_off: 12.5,
      amount_off: null,
      currency: null,
      duration: 'once',
      duration_in_months: null,
      max_redemptions: null,
      redeem_by: null,
      times_redeemed: 0,
      valid: true,
      name: 'Spring sale',
      metadata: { campaign: 'spring' },
      livemode: false,
    });
    expect(await stripe.coupons.retrieve(id)).toEqual(coupon);
    const updated = await stripe.coupons.update(id, { name: 'Spring sale (extended)', metadata: { campaign: '', wave: '2' } });
    expect(updated).toMatchObject({ name: 'Spring sale (extended)', metadata: { wave: '2' }, percent_off: 12.5 });
    expect((await stripe.coupons.list({ limit: 100 })).data.map((c) => c.id)).toContain(id);

    const deleted = await stripe.coupons.del(id);
    expect(deleted).toEqual({ id, object: 'coupon', deleted: true });
    expect((await rejectionOf(stripe.coupons.retrieve(id))).statusCode).toBe(404);
    expect((await stripe.coupons.list({ limit: 100 })).data.map((c) => c.id)).not.toContain(id);

    const events = await eventsAbout(stripe, id, 'coupon.');
    expect(events.map((e) => e.type)).toEqual(['coupon.created', 'coupon.updated', 'coupon.deleted']);
    expect(events[1]!.data.previous_attributes).toMatchObject({ name: 'Spring sale', metadata: { campaign: 'spring' } });
  });

  test('amount_off with currency, repeating for N months, max_redemptions and redeem_by; a generated id', async ({ stripe }) => {
    const redeemBy = Math.floor(Date.now() / 1000) + 30 * 86400;
    const coupon = await stripe.coupons.create({
      amount_off: 500,
      currency: 'EUR',
      duration: 'repeating',
      duration_in_months: 3,
      max_redemptions: 10,
      redeem_by: redeemBy,
    });
    expect(coupon.id).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(coupon).toMatchObject({
      amount_off: 500,
      currency: 'eur',
      percent_off: null,
      duration: 'repeating',
      duration_in_months: 3,
      max_redemptions: 10,
      redeem_by: redeemBy,
      valid: true,
    });
  });

  test('refuses what Stripe refuses', async ({ stripe }) => {
    const both = await rejectionOf(stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' }));
    expect(both.message).toBe('You may only specify one of these parameters: amount_off, percent_off.');
    expect((await rejectionOf(stripe.coupons.create({ duration: 'forever' }))).param).toBe('percent_off');
    expect((await rejectionOf(stripe.coupons.create({ amount_off: 100 }))).param).toBe('currency');
    expect((await rejectionOf(stripe.coupons.create({ percent_off: 120 }))).param).toBe('percent_off');
    expect((await rejectionOf(stripe.coupons.create({ percent_off: 10, duration: 'repeating' }))).param).toBe('duration_in_months');
    expect((await rejectionOf(stripe.coupons.create({ percent_off: 10, duration_in_months: 3 }))).param).toBe('duration_in_months');
    expect((await rejectionOf(stripe.coupons.create({ percent_off: 10, redeem_by: 1_000_000 }))).param).toBe('redeem_by');
    const id = uniq('TAKEN');
    await stripe.coupons.create({ id, percent_off: 5 });
    const taken = await rejectionOf(stripe.coupons.create({ id, percent_off: 5 }));
    expect(taken.code).toBe('resource_already_exists');
    // Only name and metadata are editable ("by design, not editable"): anything else is an unknown parameter.
    const locked = await rejectionOf(stripe.coupons.update(id, { percent_off: 50 } as Stripe.CouponUpdateParams));
    expect(locked.code).toBe('parameter_unknown');
  });
});

test.describe('promotion codes', () => {
  test('create for a coupon (promotion[coupon]), retrieve, update active/metadata, list by code (any case), coupon, active', async ({
    stripe,
  }) => {
    const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'forever' });
    const code = uniq('WELCOME').toUpperCase();
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code,
      max_redemptions: 5,
      metadata: { channel: 'email' },
    });
    expect(promo).toMatchObject({
      object: 'promotion_code',
      code,
      active: true,
      customer: null,
      expires_at: null,
      max_redemptions: 5,
      times_redeemed: 0,
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    });
    expect(promo.id).toMatch(/^promo_/);
    expect(await stripe.promotionCodes.retrieve(promo.id)).toEqual(promo);
    expect((await stripe.promotionCodes.list({ code: code.toLowerCase() })).data.map((p) => p.id)).toEqual([promo.id]);
    expect((await stripe.promotionCodes.list({ coupon: coupon.id })).data.map((p) => p.id)).toEqual([promo.id]);

    const inactive = await stripe.promotionCodes.update(promo.id, { active: false });
    expect(inactive.active).toBe(false);
    expect((await stripe.promotionCodes.list({ coupon: coupon.id, active: true })).data).toHaveLength(0);
    const events = await eventsAbout(stripe, promo.id, 'promotion_code.');
    expect(events.map((e) => e.type)).toEqual(['promotion_code.created', 'promotion_code.updated']);
    expect(events[1]!.data.previous_attributes).toEqual({ active: true });
    // An inactive code frees its code for a new one; reactivating the old one is then refused.
    await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code });
    const clash = await rejectionOf(stripe.promotionCodes.update(promo.id, { active: true }));
    expect(clash.param).toBe('active');
  });

  test('a generated code; restrictions; limits checked against the coupon; a deleted coupon turns its codes inactive', async ({
    stripe,
  }) => {
    const redeemBy = Math.floor(Date.now() / 1000) + 7 * 86400;
    const coupon = await stripe.coupons.create({ amount_off: 300, currency: 'usd', max_redemptions: 3, redeem_by: redeemBy });
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 2000, minimum_amount_currency: 'usd', first_time_transaction: true },
    });
    expect(promo.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(promo.restrictions).toEqual({ first_time_transaction: true, minimum_amount: 2000, minimum_amount_currency: 'usd' });

    const tooMany = await rejectionOf(
      stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, max_redemptions: 4 }),
    );
    expect(tooMany.param).toBe('max_redemptions');
    const tooLate = await rejectionOf(
      stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, expires_at: redeemBy + 60 }),
    );
    expect(tooLate.param).toBe('expires_at');
    const badCode = await rejectionOf(
      stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'NO SPACES' }),
    );
    expect(badCode.param).toBe('code');
    const missing = await rejectionOf(stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'nope' } }));
    expect(missing).toMatchObject({ statusCode: 404, param: 'promotion[coupon]' });

    await stripe.coupons.del(coupon.id);
    expect((await stripe.promotionCodes.retrieve(promo.id)).active).toBe(false);
  });
});
