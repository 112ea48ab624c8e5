import Stripe from 'stripe';
import {
  test,
  expect,
  uniqueEmail,
  createSubscriptionSession,
  completeSubscriptionSession,
  payOnHostedPage,
  CARDS,
  idOf,
  rejectionOf,
  SUCCESS_URL,
} from './support/fixtures';

test.describe('mode=subscription checkout sessions', () => {
  test('the hosted form creates customer, payment method, active subscription and paid first invoice', async ({ stripe, webhookLab }) => {
    const receiver = await webhookLab.listen();
    await webhookLab.endpoint(receiver);
    const email = uniqueEmail('sub');
    const { session, price } = await createSubscriptionSession(stripe, {
      customer_email: email,
      client_reference_id: 'clk_sub',
      metadata: { order_id: 'ord_sub' },
      subscription_data: { metadata: { order_id: 'ord_sub', referral_click_id: 'clk_sub' } },
    });
    expect(session).toMatchObject({ mode: 'subscription', status: 'open', amount_total: 1500, subscription: null, invoice: null });

    const result = await payOnHostedPage(session, CARDS.visa, { email, billingName: 'Ada Lovelace' });
    expect(result.status).toBe(303);
    expect(result.location).toBe(SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id));

    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const customerId = idOf(paid.customer) as string;
    expect(customerId).toMatch(/^cus_/);
    const customer = (await stripe.customers.retrieve(customerId)) as Stripe.Customer;
    expect(customer.email).toBe(email);
    expect(customer.name).toBe('Ada Lovelace');

    const subscription = await stripe.subscriptions.retrieve(idOf(paid.subscription) as string);
    expect(subscription).toMatchObject({
      status: 'active',
      customer: customerId,
      collection_method: 'charge_automatically',
      cancel_at_period_end: false,
    });
    // Only subscription_data.metadata reaches the subscription, as at Stripe.
    expect(subscription.metadata).toEqual({ order_id: 'ord_sub', referral_click_id: 'clk_sub' });
    const item = subscription.items.data[0]!;
    expect(item.price.id).toBe(price.id);
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(28 * 86400);

    const pm = await stripe.paymentMethods.retrieve(idOf(subscription.default_payment_method) as string);
    expect(pm).toMatchObject({ type: 'card', customer: customerId });
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(JSON.stringify(pm)).not.toContain(CARDS.visa);

    const invoice = await stripe.invoices.retrieve(idOf(paid.invoice) as string, { expand: ['payments'] });
    expect(invoice).toMatchObject({
      billing_reason: 'subscription_create',
      status: 'paid',
      amount_paid: 1500,
      amount_due: 1500,
      customer: customerId,
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(idOf(subscription.latest_invoice)).toBe(invoice.id);
    const piId = invoice.payments?.data[0]?.payment.payment_intent as string;
    const pi = await stripe.paymentIntents.retrieve(piId);
    expect(pi).toMatchObject({ status: 'succeeded', amount: 1500, customer: customerId });
    const charge = await stripe.charges.retrieve(idOf(pi.latest_charge) as string);
    expect(charge).toMatchObject({ paid: true, amount: 1500, payment_method: pm.id });

    // Stripe's order of events for a subscription checkout.
    const expected = [
      'customer.created',
      'payment_method.attached',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'charge.succeeded',
      'payment_intent.succeeded',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
      'checkout.session.completed',
    ];
    await receiver.waitFor(
      'checkout.session.completed',
      (d) => d.event.type === 'checkout.session.completed' && d.event.data.object.id === session.id,
    );
    const mine = receiver.deliveries
      .map((d) => d.event)
      .filter((e) => expected.includes(e.type))
      .filter((e) => JSON.stringify(e.data.object).includes(customerId));
    // Deliveries are concurrent: order by the provider's own event log (newest first).
    const logged = (await stripe.events.list({ limit: 100 })).data.reverse().map((e) => e.id);
    expect([...mine].sort((a, b) => logged.indexOf(a.id) - logged.indexOf(b.id)).map((e) => e.type)).toEqual(expected);
    const updated = mine.find((e) => e.type === 'customer.subscription.updated') as unknown as Stripe.Event;
    expect(updated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
  });

  test('uses an existing customer (on a test clock: the period starts at the clock time)', async ({ stripe }) => {
    const frozen = Math.floor(Date.UTC(2030, 0, 31, 12) / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: frozen, name: 'sub-existing' });
    const customer = await stripe.customers.create({ email: uniqueEmail('clocked'), test_clock: clock.id });
    expect(customer.test_clock).toBe(clock.id);
    const { subscription } = await completeSubscriptionSession(stripe, { customer: customer.id });
    expect(subscription.customer).toBe(customer.id);
    expect(subscription.test_clock).toBe(clock.id);
    expect(subscription.start_date).toBe(frozen);
    expect(subscription.items.data[0]!.current_period_start).toBe(frozen);
    // January 31 + one month: the last day of February.
    expect(subscription.items.data[0]!.current_period_end).toBe(Math.floor(Date.UTC(2030, 1, 28, 12) / 1000));
  });

  for (const [name, card, message] of [
    ['generic decline', CARDS.genericDecline, /declined/i],
    ['insufficient funds', CARDS.insufficientFunds, /insufficient funds/i],
    ['expired card', CARDS.expired, /expired/i],
    ['charge-customer-fail card', CARDS.chargeCustomerFail, /declined/i],
    ['invalid number', '4111111111111112', /invalid/i],
  ] as const) {
    test(`a ${name} is a friendly message with no charge and no subscription`, async ({ stripe }) => {
      const email = uniqueEmail('sub-decline');
      const { session } = await createSubscriptionSession(stripe, { customer_email: email });
      const result = await payOnHostedPage(session, card);
      expect(result.status).not.toBe(303);
      expect(result.body).toMatch(message);
      expect(result.body).toContain('data-testid="card-error"');
      const after = await stripe.checkout.sessions.retrieve(session.id);
      expect(after).toMatchObject({ status: 'open', payment_status: 'unpaid', subscription: null, invoice: null });
      expect((await stripe.customers.list({ email })).data).toHaveLength(0);
      const piId = idOf(after.payment_intent);
      if (piId) expect((await stripe.charges.list({ payment_intent: piId })).data).toHaveLength(0);
    });
  }

  test('refuses one-time prices only and payment_intent_data in subscription mode', async ({ stripe }) => {
    const product = await stripe.products.create({ name: 'one-time only' });
    const oneTime = await stripe.prices.create({ product: product.id, unit_amount: 500, currency: 'usd' });
    const err = await rejectionOf(
      stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: oneTime.id, quantity: 1 }], success_url: SUCCESS_URL }),
    );
    expect(err.type).toBe('StripeInvalidRequestError');
    const { price } = await createSubscriptionSession(stripe);
    const err2 = await rejectionOf(
      stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id, quantity: 1 }], success_url: SUCCESS_URL }),
    );
    expect(err2.message).toMatch(/recurring/);
  });
});

test.describe('subscriptions, invoices and payment methods', () => {
  test('update cancel_at_period_end and metadata writes customer.subscription.updated with previous_attributes', async ({ stripe }) => {
    const { subscription } = await completeSubscriptionSession(stripe);
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true, metadata: { note: 'leaving' } });
    expect(updated).toMatchObject({ cancel_at_period_end: true, status: 'active', metadata: { note: 'leaving' } });
    expect(updated.cancel_at).toBe(subscription.items.data[0]!.current_period_end);
    const events = await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 });
    const event = events.data.find(
      (e) => (e.data.object as Stripe.Subscription).id === subscription.id && (e.data.object as Stripe.Subscription).cancel_at_period_end,
    );
    expect(event?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });

    const listed = await stripe.subscriptions.list({ customer: idOf(subscription.customer) as string });
    expect(listed.data.map((s) => s.id)).toEqual([subscription.id]);
    expect((await stripe.subscriptions.list({ price: subscription.items.data[0]!.price.id })).data.map((s) => s.id)).toContain(
      subscription.id,
    );
  });

  test('cancel (DELETE) ends the subscription and writes customer.subscription.deleted', async ({ stripe }) => {
    const { subscription } = await completeSubscriptionSession(stripe);
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ id: subscription.id, status: 'canceled' });
    expect(canceled.ended_at).not.toBeNull();
    expect(canceled.canceled_at).not.toBeNull();
    const events = await stripe.events.list({ type: 'customer.subscription.deleted', limit: 100 });
    expect(events.data.some((e) => (e.data.object as Stripe.Subscription).id === subscription.id)).toBe(true);
    const customer = idOf(subscription.customer) as string;
    expect((await stripe.subscriptions.list({ customer })).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ customer, status: 'canceled' })).data.map((s) => s.id)).toEqual([subscription.id]);
    expect((await stripe.subscriptions.list({ customer, status: 'all' })).data).toHaveLength(1);
    const err = await rejectionOf(stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }));
    expect(err.type).toBe('StripeInvalidRequestError');
  });

  test('invoices: retrieve, list by customer/subscription/status, lines', async ({ stripe }) => {
    const { subscription, session, price } = await completeSubscriptionSession(stripe);
    const customer = idOf(subscription.customer) as string;
    const invoiceId = idOf(session.invoice) as string;
    for (const filter of [{ customer }, { subscription: subscription.id }, { customer, status: 'paid' as const }]) {
      const list = await stripe.invoices.list(filter);
      expect(
        list.data.map((i) => i.id),
        JSON.stringify(filter),
      ).toEqual([invoiceId]);
    }
    expect((await stripe.invoices.list({ customer, status: 'open' })).data).toHaveLength(0);
    const lines = await stripe.invoices.listLineItems(invoiceId);
    expect(lines.data).toHaveLength(1);
    const line = lines.data[0]!;
    expect(line).toMatchObject({ object: 'line_item', amount: 1500, currency: 'usd', invoice: invoiceId, quantity: 1 });
    expect(line.parent?.subscription_item_details?.subscription).toBe(subscription.id);
    expect(line.pricing?.price_details?.price).toBe(price.id);
    expect(line.period).toEqual({
      start: subscription.items.data[0]!.current_period_start,
      end: subscription.items.data[0]!.current_period_end,
    });
    const payments = await stripe.invoicePayments.list({ invoice: invoiceId });
    expect(payments.data).toHaveLength(1);
    expect(payments.data[0]).toMatchObject({ invoice: invoiceId, status: 'paid', amount_paid: 1500, payment: { type: 'payment_intent' } });
    expect(await stripe.invoicePayments.retrieve(payments.data[0]!.id)).toMatchObject({ id: payments.data[0]!.id });
  });

  test('payment methods: attach test ids, list by customer, make one the default', async ({ stripe }) => {
    const { subscription } = await completeSubscriptionSession(stripe);
    const customer = idOf(subscription.customer) as string;
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer });
    expect(failing.id).toMatch(/^pm_/);
    expect(failing).toMatchObject({ customer, type: 'card' });
    expect(failing.card?.last4).toBe('0341');
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer });
    const listed = await stripe.paymentMethods.list({ customer, type: 'card' });
    expect(listed.data.map((p) => p.id)).toEqual(expect.arrayContaining([failing.id, visa.id, idOf(subscription.default_payment_method)]));
    const updated = await stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    expect(updated.default_payment_method).toBe(failing.id);
    const stranger = await stripe.customers.create({ email: uniqueEmail('stranger') });
    const foreign = await stripe.paymentMethods.attach('pm_card_visa', { customer: stranger.id });
    const err = await rejectionOf(stripe.subscriptions.update(subscription.id, { default_payment_method: foreign.id }));
    expect(err.message).toMatch(/must be attached to the customer/);
  });
});
