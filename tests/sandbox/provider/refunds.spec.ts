import Stripe from 'stripe';
import { test, expect, rejectionOf, idOf } from './support/fixtures';

async function paidIntent(stripe: Stripe, amount: number) {
  const pi = await stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  expect(pi.status).toBe('succeeded');
  return { pi, chargeId: idOf(pi.latest_charge) as string };
}

test.describe('refunds', () => {
  test('fully refunds a payment intent and marks the charge refunded', async ({ stripe }) => {
    const { pi, chargeId } = await paidIntent(stripe, 2000);
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.id).toMatch(/^re_/);
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 2000,
      currency: 'usd',
      status: 'succeeded',
      charge: chargeId,
      payment_intent: pi.id,
    });
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ amount_refunded: 2000, refunded: true });
  });

  test('partially refunds a charge and leaves it not fully refunded', async ({ stripe }) => {
    const { pi, chargeId } = await paidIntent(stripe, 2000);
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 500, metadata: { reason_note: 'damaged' } });
    expect(refund).toMatchObject({ amount: 500, status: 'succeeded', charge: chargeId, metadata: { reason_note: 'damaged' } });
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ amount_refunded: 500, refunded: false });

    const second = await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
    expect(second.amount).toBe(1500);
    const after = await stripe.charges.retrieve(chargeId);
    expect(after).toMatchObject({ amount_refunded: 2000, refunded: true });

    const list = await stripe.refunds.list({ charge: chargeId });
    expect(list.data.map((r) => r.id).sort()).toEqual([refund.id, second.id].sort());
  });

  test('rejects a refund larger than the unrefunded amount with StripeInvalidRequestError', async ({ stripe }) => {
    const { chargeId } = await paidIntent(stripe, 2000);
    await stripe.refunds.create({ charge: chargeId, amount: 1500 });
    const err = await rejectionOf(stripe.refunds.create({ charge: chargeId, amount: 600 }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.rawType).toBe('invalid_request_error');
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge.amount_refunded).toBe(1500);
  });

  test('rejects refunding an already fully refunded charge', async ({ stripe }) => {
    const { pi, chargeId } = await paidIntent(stripe, 1000);
    await stripe.refunds.create({ payment_intent: pi.id });
    const err = await rejectionOf(stripe.refunds.create({ charge: chargeId }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.code).toBe('charge_already_refunded');
  });

  test('rejects refunding a payment intent that has not been paid', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const err = await rejectionOf(stripe.refunds.create({ payment_intent: pi.id }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
