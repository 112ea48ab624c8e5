import Stripe from 'stripe';
import { test, expect, rejectionOf, idOf } from './support/fixtures';

test.describe('payment intents', () => {
  test('creates a payment intent awaiting a payment method', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: { order_id: 'o1' },
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi).toMatchObject({
      object: 'payment_intent',
      amount: 2000,
      currency: 'usd',
      status: 'requires_payment_method',
      livemode: false,
      metadata: { order_id: 'o1' },
      latest_charge: null,
      amount_received: 0,
    });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
  });

  test("accepts allowed_payment_method_types, the pinned API version's way to restrict payment methods", async ({ stripe }) => {
    // stripe@23 (API ${Stripe.API_VERSION}) offers allowed_payment_method_types on create, not payment_method_types.
    const pi = await stripe.paymentIntents.create({ amount: 1100, currency: 'usd', allowed_payment_method_types: ['card'] });
    expect(pi.status).toBe('requires_payment_method');
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
  });

  test('confirms with pm_card_visa and succeeds with one paid charge', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(2500);
    expect(idOf(confirmed.payment_method)).toMatch(/^pm_/);
    const chargeId = idOf(confirmed.latest_charge);
    expect(chargeId).toMatch(/^ch_/);

    const charges = await stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data.map((c) => c.id)).toEqual([chargeId]);
    expect(charges.data[0]).toMatchObject({
      object: 'charge',
      amount: 2500,
      amount_captured: 2500,
      amount_refunded: 0,
      currency: 'usd',
      paid: true,
      captured: true,
      status: 'succeeded',
      refunded: false,
      payment_intent: pi.id,
    });
    expect(charges.data[0]?.payment_method_details?.card?.last4).toBe('4242');
  });

  test('creates and confirms in one call with confirm: true', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 900,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi.status).toBe('succeeded');
    expect(idOf(pi.latest_charge)).toMatch(/^ch_/);
  });

  const declines = [
    { pm: 'pm_card_chargeDeclined', code: 'card_declined', decline: 'generic_decline' as string | undefined },
    { pm: 'pm_card_chargeDeclinedInsufficientFunds', code: 'card_declined', decline: 'insufficient_funds' as string | undefined },
    // Stripe's table gives expired_card as the error code for the expired test card.
    { pm: 'pm_card_chargeDeclinedExpiredCard', code: 'expired_card', decline: undefined },
  ];
  for (const { pm, code, decline } of declines) {
    test(`raises StripeCardError ${code}${decline ? `/${decline}` : ''} when confirming with ${pm}`, async ({ stripe }) => {
      const pi = await stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      });
      const err = await rejectionOf(stripe.paymentIntents.confirm(pi.id, { payment_method: pm }));
      expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(err.statusCode).toBe(402);
      expect(err.rawType).toBe('card_error');
      expect(err.code).toBe(code);
      if (decline) expect(err.decline_code).toBe(decline);
      expect(err.payment_intent?.id).toBe(pi.id);
      expect(err.payment_intent?.status).toBe('requires_payment_method');

      const after = await stripe.paymentIntents.retrieve(pi.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.last_payment_error?.code).toBe(code);
      if (decline) expect(after.last_payment_error?.decline_code).toBe(decline);
      expect(after.amount_received).toBe(0);
      const charges = await stripe.charges.list({ payment_intent: pi.id });
      expect(charges.data.filter((c) => c.paid)).toEqual([]);
    });
  }

  test('succeeds with a good card after a decline on the same payment intent', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    await expect(stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeCardError,
    );
    const ok = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(ok.status).toBe('succeeded');
    const paid = (await stripe.charges.list({ payment_intent: pi.id })).data.filter((c) => c.paid);
    expect(paid.map((c) => c.id)).toEqual([idOf(ok.latest_charge)]);
  });

  test('retrieves a charge by id and lists charges by payment_intent only', async ({ stripe }) => {
    const a = await stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const b = await stripe.paymentIntents.create({
      amount: 800,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const chargeA = await stripe.charges.retrieve(idOf(a.latest_charge) as string);
    expect(chargeA).toMatchObject({ object: 'charge', amount: 700, payment_intent: a.id });
    const listA = await stripe.charges.list({ payment_intent: a.id });
    expect(listA.data.map((c) => c.id)).toEqual([chargeA.id]);
    expect(listA.data.map((c) => c.id)).not.toContain(idOf(b.latest_charge));
  });
});
