import type Stripe from 'stripe';
import { test, expect, idOf, rejectionOf, uniq, uniqueEmail, waitForClockReady } from './support/fixtures';

const DAY = 86400;
const START = Math.floor(Date.UTC(2032, 4, 10, 9) / 1000); // 10 May 2032, 09:00 UTC: the first period runs to 10 June (31 days)
const PERIOD = 31 * DAY;

/** A monthly USD price of a new product. */
async function monthly(stripe: Stripe, amount: number, name = uniq('Plan')): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', recurring: { interval: 'month' } });
}

/** A customer on a test clock at START with a card (`pm_card_visa` or another test id) as its invoice default, subscribed to `price`. */
async function subscribed(stripe: Stripe, price: Stripe.Price, card = 'pm_card_visa') {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START });
  const customer = await stripe.customers.create({ email: uniqueEmail('changes'), test_clock: clock.id });
  const method = await stripe.paymentMethods.attach(card, { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: method.id } });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  expect(subscription.status).toBe('active');
  return { clock, customer, subscription, method };
}

/** The subscription's `customer.subscription.updated` events, newest first. */
async function updates(stripe: Stripe, subscriptionId: string): Promise<Stripe.Event[]> {
  const events = await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 });
  return events.data.filter((e) => (e.data.object as Stripe.Subscription).id === subscriptionId);
}

test.describe('subscription changes: a new price with proration_behavior', () => {
  test('create_prorations (default): the same item takes the new price now; credit and debit items wait for the renewal, computed to the second', async ({
    stripe,
  }) => {
    const basic = await monthly(stripe, 1000);
    const pro = await monthly(stripe, 2500, 'Pro plan');
    const { clock, subscription } = await subscribed(stripe, basic);
    const item = subscription.items.data[0]!;
    const at = START + 10 * DAY; // 21 of the period's 31 days remain

    const changed = await stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: pro.id }], proration_date: at });
    expect(changed.items.data).toHaveLength(1);
    expect(changed.items.data[0]).toMatchObject({
      id: item.id,
      price: { id: pro.id },
      current_period_start: START,
      current_period_end: START + PERIOD,
    });
    expect(changed.latest_invoice).toBe(subscription.latest_invoice); // nothing invoiced now

    const [event] = await updates(stripe, subscription.id);
    const previousItems = (event!.data.previous_attributes as Partial<Stripe.Subscription>).items!;
    expect(previousItems.data[0]!.price.id).toBe(basic.id);

    // 1000 × 21/31 = 677.42 → 677 credited; 2500 × 21/31 = 1693.55 → 1694 charged.
    const created = (await stripe.events.list({ type: 'invoiceitem.created', limit: 10 })).data.map(
      (e) => e.data.object as Stripe.InvoiceItem,
    );
    const mine = created.filter((i) => i.parent?.subscription_details?.subscription === subscription.id).reverse();
    expect(mine.map((i) => i.amount)).toEqual([-677, 1694]);
    expect(
      mine.every((i) => i.proration && !i.discountable && i.invoice === null && i.period.start === at && i.period.end === START + PERIOD),
    ).toBe(true);
    expect(mine[0]!.description).toMatch(/^Unused time on .+ after 20 May 2032$/);
    expect(mine[1]!.description).toBe('Remaining time on Pro plan after 20 May 2032');

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + PERIOD + 3600 });
    await waitForClockReady(stripe, clock.id);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id, limit: 10 })).data.find(
      (i) => i.billing_reason === 'subscription_cycle',
    )!;
    // The new period at the new price, plus the two prorations.
    expect(renewal.lines.data.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-677, 1694, 2500]);
    expect(renewal).toMatchObject({ status: 'paid', subtotal: 3517, total: 3517, amount_paid: 3517 });
    const proration = renewal.lines.data.find((l) => l.amount === 1694)!;
    expect(proration.parent?.subscription_item_details).toMatchObject({
      proration: true,
      subscription: subscription.id,
      subscription_item: item.id,
      invoice_item: mine[1]!.id,
    });
    const credit = renewal.lines.data.find((l) => l.amount === -677)!;
    expect(credit.parent?.subscription_item_details?.proration_details?.credited_items).toMatchObject({
      invoice: subscription.latest_invoice,
    });
  });

  test('always_invoice: the prorations are invoiced and charged at once (billing_reason subscription_update)', async ({ stripe }) => {
    const basic = await monthly(stripe, 1000);
    const pro = await monthly(stripe, 2500);
    const { subscription, method } = await subscribed(stripe, basic);
    const changed = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
      proration_behavior: 'always_invoice',
      proration_date: START + 10 * DAY,
      expand: ['latest_invoice.payments'],
    });
    const invoice = changed.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_due: 1017, amount_paid: 1017 });
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([-677, 1694]);
    const intent = await stripe.paymentIntents.retrieve(idOf(invoice.payments!.data[0]!.payment.payment_intent)!);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 1017, payment_method: method.id });
    expect(changed.status).toBe('active');
  });

  test('always_invoice with a declining default card leaves the invoice open and the subscription past_due; error_if_incomplete refuses and changes nothing', async ({
    stripe,
  }) => {
    const basic = await monthly(stripe, 1000);
    const pro = await monthly(stripe, 2500);
    const { subscription, customer } = await subscribed(stripe, basic, 'pm_card_visa');
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });

    const refused = await rejectionOf(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
        proration_behavior: 'always_invoice',
        payment_behavior: 'error_if_incomplete',
        default_payment_method: failing.id,
      }),
    );
    expect(refused.statusCode).toBe(402);
    expect(refused.type).toBe('StripeCardError');
    const unchanged = await stripe.subscriptions.retrieve(subscription.id);
    expect(unchanged.items.data[0]!.price.id).toBe(basic.id);
    expect(unchanged.default_payment_method).toBeNull();

    const changed = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
      proration_behavior: 'always_invoice',
      default_payment_method: failing.id,
      expand: ['latest_invoice'],
    });
    expect(changed.status).toBe('past_due');
    expect(changed.latest_invoice).toMatchObject({ status: 'open', billing_reason: 'subscription_update', attempt_count: 1 });
  });

  test('none: no prorations; the next renewal bills the new price only', async ({ stripe }) => {
    const basic = await monthly(stripe, 1000);
    const pro = await monthly(stripe, 2500);
    const { clock, subscription } = await subscribed(stripe, basic);
    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
      proration_behavior: 'none',
    });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + PERIOD + 3600 });
    await waitForClockReady(stripe, clock.id);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id, limit: 10 })).data.find(
      (i) => i.billing_reason === 'subscription_cycle',
    )!;
    expect(renewal.lines.data.map((l) => l.amount)).toEqual([2500]);
    expect(renewal.amount_paid).toBe(2500);
  });

  test('a downgrade invoiced at once is a credit on the customer balance, taken off the next invoice', async ({ stripe }) => {
    const pro = await monthly(stripe, 2500);
    const basic = await monthly(stripe, 1000);
    const { clock, customer, subscription } = await subscribed(stripe, pro);
    const changed = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: basic.id }],
      proration_behavior: 'always_invoice',
      proration_date: START + 10 * DAY,
      expand: ['latest_invoice'],
    });
    // -1694 + 677 = -1017: nothing due, the credit goes to the balance.
    expect(changed.latest_invoice).toMatchObject({
      total: -1017,
      amount_due: 0,
      status: 'paid',
      starting_balance: 0,
      ending_balance: -1017,
    });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-1017);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + PERIOD + 3600 });
    await waitForClockReady(stripe, clock.id);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id, limit: 10 })).data.find(
      (i) => i.billing_reason === 'subscription_cycle',
    )!;
    expect(renewal).toMatchObject({ total: 1000, starting_balance: -1017, ending_balance: -17, amount_due: 0, status: 'paid' });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-17);
  });

  test('adds and removes items with prorations; refuses what the sandbox or Stripe refuses', async ({ stripe }) => {
    const basic = await monthly(stripe, 1000);
    const addon = await monthly(stripe, 310);
    const { subscription } = await subscribed(stripe, basic);
    const added = await stripe.subscriptions.update(subscription.id, {
      items: [{ price: addon.id, quantity: 2 }],
      proration_date: START + 10 * DAY,
    });
    expect(added.items.data.map((i) => [i.price.id, i.quantity])).toEqual([
      [basic.id, 1],
      [addon.id, 2],
    ]);
    const items = (await stripe.events.list({ type: 'invoiceitem.created', limit: 5 })).data.map(
      (e) => e.data.object as Stripe.InvoiceItem,
    );
    expect(items.find((i) => i.parent?.subscription_details?.subscription === subscription.id)?.amount).toBe(420); // 620 × 21/31
    const addonItem = added.items.data[1]!;
    const removed = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: addonItem.id, deleted: true }],
      proration_behavior: 'none',
    });
    expect(removed.items.data.map((i) => i.price.id)).toEqual([basic.id]);

    const yearly = await stripe.prices.create({
      product: idOf(basic.product)!,
      unit_amount: 9000,
      currency: 'usd',
      recurring: { interval: 'year' },
    });
    const interval = await rejectionOf(
      stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0]!.id, price: yearly.id }] }),
    );
    expect(interval.message).toMatch(/billing interval/);
    const foreign = await rejectionOf(stripe.subscriptions.update(subscription.id, { items: [{ id: 'si_notmine', price: basic.id }] }));
    expect(foreign.param).toBe('items[0][id]');
    const late = await rejectionOf(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: subscription.items.data[0]!.id, price: addon.id }],
        proration_date: START + 40 * DAY,
      }),
    );
    expect(late.param).toBe('proration_date');
    const badBehavior = await rejectionOf(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: subscription.items.data[0]!.id, price: addon.id }],
        proration_behavior: 'sometimes' as 'none',
      }),
    );
    expect(badBehavior.param).toBe('proration_behavior');
  });
});

test.describe('subscription changes: cancel_at_period_end and resume', () => {
  test('cancel_at_period_end true then false, with previous_attributes; true again ends it when the clock passes the period end', async ({
    stripe,
  }) => {
    const basic = await monthly(stripe, 1000);
    const { clock, subscription } = await subscribed(stripe, basic);
    const canceling = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(canceling).toMatchObject({ status: 'active', cancel_at_period_end: true, cancel_at: START + PERIOD, canceled_at: START });
    const kept = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: false });
    expect(kept).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    const [undo, set] = await updates(stripe, subscription.id);
    expect(set!.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    expect(undo!.data.previous_attributes).toMatchObject({ cancel_at_period_end: true, cancel_at: START + PERIOD });

    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + PERIOD + 3600 });
    await waitForClockReady(stripe, clock.id);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: START + PERIOD });
    expect((await stripe.invoices.list({ subscription: subscription.id })).data.map((i) => i.billing_reason)).toEqual([
      'subscription_create',
    ]);
  });

  test('resume answers 400: the sandbox never pauses a subscription', async ({ stripe }) => {
    const basic = await monthly(stripe, 1000);
    const { subscription } = await subscribed(stripe, basic);
    const err = await rejectionOf(stripe.subscriptions.resume(subscription.id));
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/Only a paused subscription can be resumed/);
  });
});
