import Stripe from 'stripe';
import { test, expect, idOf, rejectionOf } from './support/fixtures';

const NO_REDIRECTS = { enabled: true, allow_redirects: 'never' } as const;
const CAPTURE_EVENTS = [
  'charge.succeeded',
  'payment_intent.amount_capturable_updated',
  'charge.captured',
  'payment_intent.succeeded',
  'charge.refunded',
  'payment_intent.canceled',
];

/** The provider's events of these types that mention `id`, oldest first. */
async function eventsAbout(stripe: Stripe, id: string, types = CAPTURE_EVENTS): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ types, limit: 100 })).data.reverse();
  return events.filter((e) => JSON.stringify(e.data.object).includes(id));
}

/** A manual-capture payment authorized with pm_card_visa. */
async function authorized(stripe: Stripe, amount = 5000): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    capture_method: 'manual',
    automatic_payment_methods: NO_REDIRECTS,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
}

async function chargeOf(stripe: Stripe, intent: Stripe.PaymentIntent): Promise<Stripe.Charge> {
  return stripe.charges.retrieve(idOf(intent.latest_charge) as string, { expand: ['refunds'] });
}

test.describe('manual capture', () => {
  test('confirming only authorizes: requires_capture, an uncaptured charge without balance transaction, amount_capturable_updated', async ({
    stripe,
  }) => {
    const intent = await authorized(stripe);
    expect(intent).toMatchObject({ status: 'requires_capture', capture_method: 'manual', amount_capturable: 5000, amount_received: 0 });
    const charge = await chargeOf(stripe, intent);
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: false,
      amount: 5000,
      amount_captured: 0,
      amount_refunded: 0,
      balance_transaction: null,
    });
    expect(charge.payment_method_details?.card?.capture_before).toBe(charge.created + 7 * 24 * 60 * 60);
    expect((await eventsAbout(stripe, intent.id)).map((e) => e.type)).toEqual([
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
    ]);
  });

  test('captures the whole amount: succeeded, charge captured with its balance transaction, charge.captured then payment_intent.succeeded', async ({
    stripe,
  }) => {
    const intent = await authorized(stripe);
    const captured = await stripe.paymentIntents.capture(intent.id);
    expect(captured).toMatchObject({ status: 'succeeded', amount_capturable: 0, amount_received: 5000 });
    const charge = await chargeOf(stripe, captured);
    expect(charge).toMatchObject({ captured: true, amount_captured: 5000, amount_refunded: 0, refunded: false });
    expect(await stripe.balanceTransactions.retrieve(charge.balance_transaction as string)).toMatchObject({
      amount: 5000,
      type: 'charge',
      source: charge.id,
    });
    expect((await eventsAbout(stripe, intent.id)).map((e) => e.type)).toEqual([
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);
  });

  test('a partial capture refunds the rest on the charge (amount_to_capture)', async ({ stripe }) => {
    const intent = await authorized(stripe, 5000);
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount: 5000, amount_received: 3000, amount_capturable: 0 });
    const charge = await chargeOf(stripe, captured);
    expect(charge).toMatchObject({ amount: 5000, captured: true, amount_captured: 3000, amount_refunded: 2000, refunded: false });
    expect(charge.refunds?.data.map((r) => ({ amount: r.amount, status: r.status }))).toEqual([{ amount: 2000, status: 'succeeded' }]);
    // Refunding what is left works on the captured part only.
    const tooMuch = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id, amount: 3001 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
  });

  test('refuses to capture twice, more than authorized, or an intent that does not await capture', async ({ stripe }) => {
    const intent = await authorized(stripe, 2000);
    const over = await rejectionOf(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 2001 }));
    expect(over).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(over).toMatchObject({ statusCode: 400, param: 'amount_to_capture' });
    expect(over.message).toMatch(
      /^The payment could not be captured because the requested capture amount is greater than the authorized amount/,
    );
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');

    await stripe.paymentIntents.capture(intent.id);
    const twice = await rejectionOf(stripe.paymentIntents.capture(intent.id));
    expect(twice).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(twice.message).toBe(
      'This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
    );
    expect(twice.payment_intent?.id).toBe(intent.id);

    const automatic = await stripe.paymentIntents.create({
      amount: 900,
      currency: 'usd',
      automatic_payment_methods: NO_REDIRECTS,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(await rejectionOf(stripe.paymentIntents.capture(automatic.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    });
    const confirmAgain = await rejectionOf(
      stripe.paymentIntents.confirm((await authorized(stripe)).id, { payment_method: 'pm_card_visa' }),
    );
    expect(confirmAgain).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  test('canceling an uncaptured intent releases the authorization: charge refunded in full, then payment_intent.canceled', async ({
    stripe,
  }) => {
    const intent = await authorized(stripe, 4000);
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned', amount_capturable: 0, amount_received: 0 });
    const charge = await chargeOf(stripe, canceled);
    expect(charge).toMatchObject({ captured: false, refunded: true, amount_refunded: 4000, balance_transaction: null });
    expect((await eventsAbout(stripe, intent.id)).map((e) => e.type)).toEqual([
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.refunded',
      'payment_intent.canceled',
    ]);
    expect(await rejectionOf(stripe.paymentIntents.capture(intent.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    });
  });

  test('refuses to cancel a captured (succeeded) intent', async ({ stripe }) => {
    const intent = await authorized(stripe);
    await stripe.paymentIntents.capture(intent.id);
    const err = await rejectionOf(stripe.paymentIntents.cancel(intent.id));
    expect(err).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(err.message).toMatch(/status of succeeded/);
  });

  test('a declined manual-capture payment authorizes nothing', async ({ stripe }) => {
    const intent = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      capture_method: 'manual',
      automatic_payment_methods: NO_REDIRECTS,
    });
    const err = await rejectionOf(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }));
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined' });
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method', amount_capturable: 0 });
  });

  test('accepts capture_method automatic_async and captures at once', async ({ stripe }) => {
    const intent = await stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      capture_method: 'automatic_async',
      automatic_payment_methods: NO_REDIRECTS,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(intent).toMatchObject({ status: 'succeeded', capture_method: 'automatic_async', amount_received: 1200 });
    expect((await chargeOf(stripe, intent)).captured).toBe(true);
  });
});
