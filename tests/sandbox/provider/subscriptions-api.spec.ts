import Stripe from 'stripe';
import { test, expect, getRawJson, idOf, rejectionOf, uniq, uniqueEmail, waitForClockReady } from './support/fixtures';

const DAY = 86400;
const START = Math.floor(Date.UTC(2032, 4, 10, 9) / 1000); // 10 May 2032, 09:00 UTC
const FIRST_INVOICE_EVENTS = [
  'customer.subscription.created',
  'invoice.created',
  'invoice.finalized',
  'payment_intent.created',
  'payment_method.attached',
  'charge.succeeded',
  'payment_intent.succeeded',
  'invoice.paid',
  'invoice.payment_succeeded',
  'customer.subscription.updated',
];

/** A monthly JPY plan, as the embedded shop sells. */
async function monthlyYenPlan(stripe: Stripe, amount = 1500): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: uniq('Kissa tea club') });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'jpy', recurring: { interval: 'month' } });
}

/** What a Payment Element integration sends: default_incomplete, save the card on the subscription, expand the secret. */
async function subscribeIncomplete(stripe: Stripe, customer: string, price: string, extra: Partial<Stripe.SubscriptionCreateParams> = {}) {
  const subscription = await stripe.subscriptions.create({
    customer,
    items: [{ price }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    metadata: { order_id: 'ord_api' },
    expand: ['latest_invoice.confirmation_secret', 'latest_invoice.payments'],
    ...extra,
  });
  const invoice = subscription.latest_invoice as Stripe.Invoice;
  const intentId = invoice.payments?.data[0]?.payment.payment_intent as string;
  return { subscription, invoice, intentId };
}

/** The provider's events of these types that mention `id`, oldest first. */
async function eventsAbout(stripe: Stripe, id: string, types: string[]): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ limit: 100 })).data.reverse();
  return events.filter((e) => types.includes(e.type) && JSON.stringify(e.data.object).includes(id));
}

test.describe('subscriptions created through the API (Payment Element integrations)', () => {
  test("default_incomplete: an incomplete subscription whose open first invoice carries its intent's confirmation secret", async ({
    stripe,
    provider,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('api-sub') });
    const price = await monthlyYenPlan(stripe);
    const { subscription, invoice, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);

    expect(subscription).toMatchObject({
      status: 'incomplete',
      customer: customer.id,
      currency: 'jpy',
      default_payment_method: null,
      metadata: { order_id: 'ord_api' },
    });
    expect(subscription.payment_settings?.save_default_payment_method).toBe('on_subscription');
    expect(invoice).toMatchObject({
      status: 'open',
      billing_reason: 'subscription_create',
      amount_due: 1500,
      amount_paid: 0,
      currency: 'jpy',
      customer: customer.id,
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.payments?.data).toHaveLength(1);
    expect(invoice.payments?.data[0]).toMatchObject({
      object: 'invoice_payment',
      status: 'open',
      is_default: true,
      amount_requested: 1500,
      amount_paid: null,
      invoice: invoice.id,
    });

    const intent = await stripe.paymentIntents.retrieve(intentId);
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      amount: 1500,
      currency: 'jpy',
      customer: customer.id,
      description: 'Subscription creation',
      setup_future_usage: 'off_session',
    });
    expect(invoice.confirmation_secret).toEqual({ client_secret: intent.client_secret, type: 'payment_intent' });

    // Includable only, as at Stripe: an invoice read without expand has neither field.
    const raw = await getRawJson(provider, `/v1/invoices/${invoice.id}`);
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body)).not.toContain('confirmation_secret');
    expect(Object.keys(raw.body)).not.toContain('payments');
    // This API version has no invoice.payment_intent to expand.
    const err = await rejectionOf(stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice.payment_intent'] }));
    expect(err.message).toMatch(/cannot be expanded/);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'incomplete' })).data.map((s) => s.id)).toEqual([
      subscription.id,
    ]);
  });

  test("confirming the first invoice's intent pays the invoice, activates the subscription and saves the card as its default", async ({
    stripe,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('api-pay') });
    const price = await monthlyYenPlan(stripe);
    const { subscription, invoice, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);

    const paid = await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('succeeded');
    const paymentMethodId = idOf(paid.payment_method) as string;
    const paymentMethod = await stripe.paymentMethods.retrieve(paymentMethodId);
    expect(paymentMethod).toMatchObject({ type: 'card', customer: customer.id });
    expect(paymentMethod.card?.last4).toBe('4242');
    expect((await stripe.charges.retrieve(idOf(paid.latest_charge) as string)).payment_method).toBe(paymentMethodId);

    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active).toMatchObject({ status: 'active', default_payment_method: paymentMethodId });
    const invoiceAfter = await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(invoiceAfter).toMatchObject({ status: 'paid', amount_paid: 1500, amount_remaining: 0, attempted: true, attempt_count: 1 });
    expect(invoiceAfter.status_transitions.paid_at).not.toBeNull();
    expect(invoiceAfter.payments?.data[0]).toMatchObject({ status: 'paid', amount_paid: 1500, payment: { payment_intent: intentId } });

    const events = await eventsAbout(stripe, customer.id, FIRST_INVOICE_EVENTS);
    expect(events.map((e) => e.type)).toEqual(FIRST_INVOICE_EVENTS);
    const updated = events.find((e) => e.type === 'customer.subscription.updated')!;
    expect(updated.data.previous_attributes).toEqual({ status: 'incomplete', default_payment_method: null });
    const paidEvent = events.find((e) => e.type === 'invoice.paid')!;
    expect((paidEvent.data.object as Stripe.Invoice).billing_reason).toBe('subscription_create');
  });

  test('a declined card leaves the subscription incomplete (a failed attempt, no invoice.paid); another card then pays', async ({
    stripe,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('api-decline') });
    const price = await monthlyYenPlan(stripe);
    const { subscription, invoice, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);

    const declined = await rejectionOf(stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_chargeDeclined' }));
    expect(declined.type).toBe('StripeCardError');
    expect(declined.code).toBe('card_declined');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('incomplete');
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'open', amount_paid: 0, attempted: true, attempt_count: 1 });
    expect((await stripe.paymentIntents.retrieve(intentId)).status).toBe('requires_payment_method');
    const afterDecline = await eventsAbout(stripe, invoice.id, ['invoice.paid', 'invoice.payment_failed', 'invoice.payment_succeeded']);
    expect(afterDecline.map((e) => e.type)).toEqual(['invoice.payment_failed']);
    expect(await stripe.paymentMethods.list({ customer: customer.id })).toMatchObject({ data: [] });

    await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'paid', attempt_count: 2 });
  });

  test('on a test clock, renewals charge the card saved by the first payment (invoice.paid, subscription_cycle)', async ({ stripe }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START, name: 'api-renewal' });
    const customer = await stripe.customers.create({ email: uniqueEmail('api-clock'), test_clock: clock.id });
    const price = await monthlyYenPlan(stripe);
    const { subscription, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);
    expect(subscription).toMatchObject({ test_clock: clock.id, start_date: START });
    const periodEnd = subscription.items.data[0]!.current_period_end;
    expect(periodEnd).toBe(Math.floor(Date.UTC(2032, 5, 10, 9) / 1000));
    const paid = await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
    const saved = idOf(paid.payment_method) as string;

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + DAY });
    await waitForClockReady(stripe, clock.id);

    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => [i.billing_reason, i.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);
    const renewal = await stripe.invoices.retrieve(invoices.data[0]!.id, { expand: ['payments.data.payment.payment_intent'] });
    expect(renewal).toMatchObject({ amount_paid: 1500, currency: 'jpy', created: periodEnd });
    expect(renewal.payments?.data[0]?.payment.payment_intent).toMatchObject({ status: 'succeeded', amount: 1500, payment_method: saved });
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed).toMatchObject({ status: 'active', default_payment_method: saved });
    expect(renewed.items.data[0]!.current_period_start).toBe(periodEnd);
    const paidEvents = await eventsAbout(stripe, renewal.id, ['invoice.paid']);
    expect(paidEvents.map((e) => (e.data.object as Stripe.Invoice).billing_reason)).toEqual(['subscription_cycle']);
  });

  test('an unpaid first invoice expires after 23 hours of clock time: incomplete_expired, invoice void, intent canceled', async ({
    stripe,
  }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START, name: 'api-expiry' });
    const customer = await stripe.customers.create({ email: uniqueEmail('api-expiry'), test_clock: clock.id });
    const price = await monthlyYenPlan(stripe);
    const { subscription, invoice, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 22 * 3600 });
    await waitForClockReady(stripe, clock.id);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('incomplete');

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + DAY });
    await waitForClockReady(stripe, clock.id);
    const expired = await stripe.subscriptions.retrieve(subscription.id);
    expect(expired).toMatchObject({ status: 'incomplete_expired', ended_at: START + 23 * 3600 });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'void' });
    expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: 'canceled', cancellation_reason: 'void_invoice' });
    const updated = await eventsAbout(stripe, subscription.id, ['customer.subscription.updated']);
    expect(updated.at(-1)?.data.previous_attributes).toMatchObject({ status: 'incomplete' });
    expect((await eventsAbout(stripe, invoice.id, ['invoice.voided'])).length).toBe(1);
    const late = await rejectionOf(stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' }));
    expect(late.type).toBe('StripeInvalidRequestError');
  });

  test('cancel at period end and cancel now work on API-created subscriptions', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('api-cancel') });
    const price = await monthlyYenPlan(stripe);
    const { subscription, intentId } = await subscribeIncomplete(stripe, customer.id, price.id);
    await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });

    const ending = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(ending).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: subscription.items.data[0]!.current_period_end,
    });
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ status: 'canceled' });
    expect(canceled.ended_at).not.toBeNull();
    expect((await eventsAbout(stripe, subscription.id, ['customer.subscription.deleted'])).length).toBe(1);

    const second = await subscribeIncomplete(stripe, customer.id, price.id, { cancel_at_period_end: true, description: 'Kissa monthly' });
    expect(second.subscription).toMatchObject({ status: 'incomplete', cancel_at_period_end: true, description: 'Kissa monthly' });
    expect(second.subscription.cancel_at).toBe(second.subscription.items.data[0]!.current_period_end);
  });

  test('allow_incomplete charges the default payment method now; error_if_incomplete refuses a declining card', async ({ stripe }) => {
    const price = await monthlyYenPlan(stripe);
    const customer = await stripe.customers.create({ email: uniqueEmail('api-allow') });
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const active = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 2 }],
      default_payment_method: visa.id,
      expand: ['latest_invoice'],
    });
    expect(active).toMatchObject({ status: 'active', default_payment_method: visa.id });
    expect(active.latest_invoice).toMatchObject({ status: 'paid', amount_paid: 3000 });

    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    const refused = await rejectionOf(
      stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        default_payment_method: failing.id,
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(refused.type).toBe('StripeCardError');
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(1);

    const incomplete = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      default_payment_method: failing.id,
      payment_behavior: 'allow_incomplete',
      expand: ['latest_invoice'],
    });
    expect(incomplete.status).toBe('incomplete');
    expect(incomplete.latest_invoice).toMatchObject({ status: 'open', attempt_count: 1 });

    const bare = await stripe.customers.create({ email: uniqueEmail('api-bare') });
    const noMethod = await rejectionOf(stripe.subscriptions.create({ customer: bare.id, items: [{ price: price.id }] }));
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.message).toMatch(/no attached payment source or default payment method.*default_incomplete/);
  });

  test('refuses what Stripe refuses: no customer, a one-time price, pending_if_incomplete, unsupported payment settings', async ({
    stripe,
  }) => {
    const price = await monthlyYenPlan(stripe);
    const customer = await stripe.customers.create({ email: uniqueEmail('api-bad') });
    const oneTime = await stripe.prices.create({ product: price.product as string, unit_amount: 800, currency: 'jpy' });
    const cases: [string, Promise<unknown>, RegExp, string | undefined][] = [
      [
        'unknown customer',
        stripe.subscriptions.create({ customer: 'cus_missing', items: [{ price: price.id }], payment_behavior: 'default_incomplete' }),
        /No such customer/,
        'customer',
      ],
      [
        'one-time price',
        stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }], payment_behavior: 'default_incomplete' }),
        /type=recurring/,
        'items[0][price]',
      ],
      [
        'pending_if_incomplete',
        stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'pending_if_incomplete' }),
        /only supported when updating/,
        'payment_behavior',
      ],
      [
        'payment method types',
        stripe.subscriptions.create({
          customer: customer.id,
          items: [{ price: price.id }],
          payment_behavior: 'default_incomplete',
          payment_settings: { payment_method_types: ['card'] },
        }),
        /save_default_payment_method/,
        'payment_settings[payment_method_types]',
      ],
    ];
    for (const [name, request, message, param] of cases) {
      const err = await rejectionOf(request);
      expect(err.type, name).toBe('StripeInvalidRequestError');
      expect(err.message, name).toMatch(message);
      expect(err.param, name).toBe(param);
    }
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(0);
  });
});
