import type Stripe from 'stripe';
import { expect, idOf, rejectionOf, test } from '../support/fixtures';
import { aroundGate, paidIntent, paidSubscription, pinnedTo } from './pinnedClients';

/** Loose reads of fields the SDK's (newest) types no longer declare. */
type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose => value as Loose;

test.describe('API version gates: payment intents and charges', () => {
  test('2022-11-15: before it a PaymentIntent lists its charges and has no latest_charge; from it, latest_charge only', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2022-11-15');
    const paid = await paidIntent(stripe);

    const old = loose(await before.paymentIntents.retrieve(paid.id));
    expect(old.charges).toMatchObject({ object: 'list', has_more: false, url: `/v1/charges?payment_intent=${paid.id}` });
    expect((old.charges as { data: Stripe.Charge[] }).data.map((charge) => charge.id)).toEqual([paid.latest_charge]);
    expect((old.charges as { data: Stripe.Charge[] }).data[0]).toMatchObject({ object: 'charge', status: 'succeeded', amount: 2000 });
    expect(old).not.toHaveProperty('latest_charge');

    const current = loose(await after.paymentIntents.retrieve(paid.id));
    expect(current).not.toHaveProperty('charges');
    expect(current.latest_charge).toBe(paid.latest_charge);
  });

  test('2022-11-15: before it a charge embeds its refunds; from it, only with expand[]=refunds', async ({ provider, stripe }) => {
    const { before, after } = aroundGate(provider, '2022-11-15');
    const paid = await paidIntent(stripe);
    const chargeId = idOf(paid.latest_charge)!;
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 500 });

    const old = await before.charges.retrieve(chargeId);
    expect(old.refunds).toMatchObject({ object: 'list', url: `/v1/charges/${chargeId}/refunds` });
    expect(old.refunds!.data.map((r) => r.id)).toEqual([refund.id]);

    const current = await after.charges.retrieve(chargeId);
    expect(current).not.toHaveProperty('refunds');
    const expanded = await after.charges.retrieve(chargeId, { expand: ['refunds'] });
    expect(expanded.refunds!.data.map((r) => r.id)).toEqual([refund.id]);
    // A PaymentIntent's charges (before the gate) carry their refunds too: the gates apply to nested objects.
    const oldIntent = loose(await before.paymentIntents.retrieve(paid.id));
    expect((oldIntent.charges as { data: Stripe.Charge[] }).data[0]!.refunds!.data[0]!.id).toBe(refund.id);
  });

  test("2025-03-31.basil: before it a subscription invoice's PaymentIntent and charge name the invoice; from it they do not", async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const { invoice, intentId } = await paidSubscription(stripe);
    const chargeId = idOf((await stripe.paymentIntents.retrieve(intentId)).latest_charge)!;

    expect(loose(await before.paymentIntents.retrieve(intentId)).invoice).toBe(invoice.id);
    expect(loose(await before.charges.retrieve(chargeId)).invoice).toBe(invoice.id);
    expect(loose(await before.paymentIntents.retrieve((await paidIntent(stripe)).id)).invoice, 'a payment for no invoice').toBeNull();

    expect(await after.paymentIntents.retrieve(intentId)).not.toHaveProperty('invoice');
    expect(await after.charges.retrieve(chargeId)).not.toHaveProperty('invoice');
  });

  test('2023-08-16: a PaymentIntent made without payment method types is card-only before it; from it automatic payment methods are on and a confirm needs a return_url', async ({
    provider,
  }) => {
    const { before, after } = aroundGate(provider, '2023-08-16');

    const cardOnly = await before.paymentIntents.create({ amount: 1500, currency: 'usd' });
    expect(cardOnly.automatic_payment_methods).toBeNull();
    expect(cardOnly.payment_method_types).toEqual(['card']);
    expect((await before.paymentIntents.confirm(cardOnly.id, { payment_method: 'pm_card_visa' })).status).toBe('succeeded');

    const automatic = await after.paymentIntents.create({ amount: 1500, currency: 'usd' });
    expect(automatic.automatic_payment_methods).toEqual({ allow_redirects: 'always', enabled: true });
    const refused = await rejectionOf(after.paymentIntents.confirm(automatic.id, { payment_method: 'pm_card_visa' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.type).toBe('StripeInvalidRequestError');
    expect(refused.message).toMatch(
      /^A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard/,
    );
    expect((await after.paymentIntents.retrieve(automatic.id)).status, 'the refused confirm changed nothing').toBe(
      'requires_payment_method',
    );
    expect(
      (await after.paymentIntents.confirm(automatic.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.example.test/done' }))
        .status,
    ).toBe('succeeded');

    // The same rule on create with confirm=true, and its two ways out.
    const createRefused = await rejectionOf(
      after.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }),
    );
    expect(createRefused.message).toMatch(/must be specified because this Payment Intent/);
    const noRedirects = await after.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(noRedirects).toMatchObject({ status: 'succeeded', automatic_payment_methods: { allow_redirects: 'never', enabled: true } });
    const explicitTypes = await after.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method_types: ['card'],
      payment_method: 'pm_card_visa',
      confirm: true,
    } as Stripe.PaymentIntentCreateParams);
    expect(explicitTypes).toMatchObject({ status: 'succeeded', automatic_payment_methods: null });
  });

  test("a decline's PaymentIntent in the error is shown in the request's version", async ({ provider }) => {
    const old = pinnedTo(provider, '2020-08-27');
    const declined = await rejectionOf(
      old.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true }),
    );
    expect(declined.type).toBe('StripeCardError');
    const intent = loose(declined.raw).payment_intent as Loose;
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method' });
    expect(intent.charges).toMatchObject({ object: 'list', data: [] });
    expect(intent).not.toHaveProperty('latest_charge');
  });
});
