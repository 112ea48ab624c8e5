import type Stripe from 'stripe';
import { test, expect, idOf, rejectionOf, uniq, uniqueEmail, waitForClockReady } from './support/fixtures';

const DAY = 86400;
const START = Math.floor(Date.UTC(2033, 0, 15, 12) / 1000); // 15 Jan 2033: the first period runs to 15 Feb (31 days)
const PERIOD = 31 * DAY;

async function monthly(stripe: Stripe, amount: number): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: uniq('Invoice plan') });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', recurring: { interval: 'month' } });
}

/** A customer on a clock at START, subscribed to a 1000 plan paid with 4242; `card` then becomes its invoice default. */
async function subscriber(stripe: Stripe, card = 'pm_card_visa') {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START });
  const customer = await stripe.customers.create({ email: uniqueEmail('invoices'), test_clock: clock.id });
  const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const subscription = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: (await monthly(stripe, 1000)).id }],
    default_payment_method: visa.id,
  });
  const method = card === 'pm_card_visa' ? visa : await stripe.paymentMethods.attach(card, { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: method.id } });
  return { clock, customer, subscription, visa, method };
}

/** A draft `manual` invoice holding the subscription's pending prorations (a create_prorations upgrade to 2550 at day 10). */
async function draftWithProrations(stripe: Stripe, subscription: Stripe.Subscription): Promise<Stripe.Invoice> {
  const upgraded = await monthly(stripe, 2550);
  await stripe.subscriptions.update(subscription.id, {
    items: [{ id: subscription.items.data[0]!.id, price: upgraded.id }],
    proration_date: START + 10 * DAY,
  });
  return stripe.invoices.create({
    customer: idOf(subscription.customer)!,
    subscription: subscription.id,
    pending_invoice_items_behavior: 'include',
  });
}

async function eventTypesFor(stripe: Stripe, invoiceId: string): Promise<string[]> {
  const events = (await stripe.events.list({ limit: 100 })).data.reverse();
  return events.filter((e) => e.type.startsWith('invoice.') && (e.data.object as { id: string }).id === invoiceId).map((e) => e.type);
}

test.describe('invoices: create, finalize, pay, void, mark uncollectible, delete', () => {
  test('draft → finalize (open, numbered) → pay with the customer default: paid, with its events in order', async ({ stripe }) => {
    const { subscription, method } = await subscriber(stripe);
    const draft = await draftWithProrations(stripe, subscription);
    // 1000 × 21/31 = 677 credited, 2550 × 21/31 = 1727 charged.
    expect(draft).toMatchObject({
      status: 'draft',
      billing_reason: 'manual',
      auto_advance: false,
      number: null,
      subtotal: 1050,
      amount_due: 1050,
    });
    expect(draft.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(draft.lines.data.map((l) => l.amount)).toEqual([-677, 1727]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice).toBe(subscription.latest_invoice); // its cycle is untouched

    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open.status).toBe('open');
    expect(open.number).toMatch(/-\d{4}$/);
    expect(open.status_transitions.finalized_at).toBe(START);
    const again = await rejectionOf(stripe.invoices.finalizeInvoice(draft.id));
    expect(again.message).toBe("This invoice is already finalized, you can't re-finalize a non-draft invoice.");

    const paid = await stripe.invoices.pay(draft.id, { expand: ['payments'] });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1050, amount_remaining: 0, attempted: true, attempt_count: 1 });
    const intent = await stripe.paymentIntents.retrieve(idOf(paid.payments!.data[0]!.payment.payment_intent)!);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 1050, payment_method: method.id });
    expect(await eventTypesFor(stripe, draft.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    const twice = await rejectionOf(stripe.invoices.pay(draft.id));
    expect(twice.message).toBe('Invoice is already paid.');
  });

  test("pay a draft directly (finalized first) with a payment_method param; another customer's card is refused", async ({ stripe }) => {
    const { subscription, customer } = await subscriber(stripe);
    const draft = await draftWithProrations(stripe, subscription);
    const other = await stripe.customers.create({ email: uniqueEmail('other') });
    const foreign = await stripe.paymentMethods.attach('pm_card_visa', { customer: other.id });
    const refused = await rejectionOf(stripe.invoices.pay(draft.id, { payment_method: foreign.id }));
    expect(refused.param).toBe('payment_method');
    expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft'); // refused before anything changed

    const another = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await stripe.invoices.pay(draft.id, { payment_method: another.id });
    expect(paid.status).toBe('paid');
    expect(await eventTypesFor(stripe, draft.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
  });

  test('a declining card: 402 card_error, a failed attempt on the open invoice (invoice.payment_failed); a good card then pays it', async ({
    stripe,
  }) => {
    const { subscription, customer, method } = await subscriber(stripe, 'pm_card_chargeCustomerFail');
    const draft = await draftWithProrations(stripe, subscription);
    await stripe.invoices.finalizeInvoice(draft.id);
    const declined = await rejectionOf(stripe.invoices.pay(draft.id, { payment_method: method.id }));
    expect(declined.statusCode).toBe(402);
    expect(declined.type).toBe('StripeCardError');
    expect(declined.code).toBe('card_declined');
    const failed = await stripe.invoices.retrieve(draft.id);
    expect(failed).toMatchObject({ status: 'open', attempted: true, attempt_count: 1, amount_paid: 0 });
    expect(await eventTypesFor(stripe, draft.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.payment_failed']);

    const visa = (await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data.find((m) => m.card?.last4 === '4242')!;
    const paid = await stripe.invoices.pay(draft.id, { payment_method: visa.id, expand: ['payments'] });
    expect(paid).toMatchObject({ status: 'paid', attempt_count: 2 });
    // The same PaymentIntent is confirmed again, as Stripe retries an invoice's payment.
    expect(paid.payments!.data).toHaveLength(1);
    expect(idOf(paid.payments!.data[0]!.payment.payment_intent)).toBe(declined.payment_intent?.id);
  });

  test('void: open or uncollectible only; the open payment and its intent are canceled (invoice.voided)', async ({ stripe }) => {
    const { subscription } = await subscriber(stripe);
    const draft = await draftWithProrations(stripe, subscription);
    const fromDraft = await rejectionOf(stripe.invoices.voidInvoice(draft.id));
    expect(fromDraft.message).toMatch(/only void open or uncollectible/);
    const open = await stripe.invoices.finalizeInvoice(draft.id, { expand: ['payments'] });
    const intentId = idOf(open.payments!.data[0]!.payment.payment_intent)!;
    expect((await stripe.paymentIntents.retrieve(intentId)).status).toBe('requires_payment_method');
    const voided = await stripe.invoices.voidInvoice(draft.id, { expand: ['payments'] });
    expect(voided).toMatchObject({ status: 'void', status_transitions: { voided_at: START } });
    expect(voided.payments!.data[0]!.status).toBe('canceled');
    expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: 'canceled', cancellation_reason: 'void_invoice' });
    expect(await eventTypesFor(stripe, draft.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.voided']);
    const payVoid = await rejectionOf(stripe.invoices.pay(draft.id));
    expect(payVoid.message).toMatch(/void/);
    const paidOne = await stripe.invoices.retrieve(idOf(subscription.latest_invoice)!);
    const voidPaid = await rejectionOf(stripe.invoices.voidInvoice(paidOne.id));
    expect(voidPaid.message).toMatch(/this invoice is paid/);
  });

  test('mark_uncollectible (open only), then still payable or voidable', async ({ stripe }) => {
    const { subscription } = await subscriber(stripe);
    const first = await draftWithProrations(stripe, subscription);
    const notOpen = await rejectionOf(stripe.invoices.markUncollectible(first.id));
    expect(notOpen.message).toMatch(/only mark open invoices/);
    await stripe.invoices.finalizeInvoice(first.id);
    const bad = await stripe.invoices.markUncollectible(first.id);
    expect(bad).toMatchObject({ status: 'uncollectible', status_transitions: { marked_uncollectible_at: START } });
    expect((await stripe.invoices.pay(first.id)).status).toBe('paid');
    expect(await eventTypesFor(stripe, first.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.marked_uncollectible',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
  });

  test('delete: drafts only; the pending items go back to pending', async ({ stripe }) => {
    const { subscription, customer } = await subscriber(stripe);
    const draft = await draftWithProrations(stripe, subscription);
    const deleted = await stripe.invoices.del(draft.id);
    expect(deleted).toEqual({ id: draft.id, object: 'invoice', deleted: true });
    expect((await rejectionOf(stripe.invoices.retrieve(draft.id))).statusCode).toBe(404);
    const again = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    expect(again.lines.data.map((l) => l.amount)).toEqual([-677, 1727]);
    expect(again.parent).toBeNull();
    await stripe.invoices.finalizeInvoice(again.id);
    const notDraft = await rejectionOf(stripe.invoices.del(again.id));
    expect(notDraft.message).toMatch(/only delete draft invoices/);
    // Without `include`, an invoice takes no pending item (the default is `exclude`) and, with nothing due, is paid on finalizing.
    const empty = await stripe.invoices.create({ customer: customer.id });
    expect(empty.lines.data).toHaveLength(0);
    expect((await stripe.invoices.finalizeInvoice(empty.id)).status).toBe('paid');
  });

  test('paying a past_due renewal by hand makes the subscription active again', async ({ stripe }) => {
    const { clock, subscription, customer } = await subscriber(stripe);
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + PERIOD + 3600 });
    await waitForClockReady(stripe, clock.id);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id);
    expect(pastDue.status).toBe('past_due');
    const renewal = await stripe.invoices.retrieve(idOf(pastDue.latest_invoice)!);
    expect(renewal).toMatchObject({ status: 'open', billing_reason: 'subscription_cycle' });

    const visa = (await stripe.paymentMethods.list({ customer: customer.id })).data.find((m) => m.card?.last4 === '4242')!;
    await stripe.invoices.pay(renewal.id, { payment_method: visa.id });
    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active.status).toBe('active');
    const updated = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 20 })).data.find(
      (e) => (e.data.object as Stripe.Subscription).id === subscription.id,
    );
    expect(updated?.data.previous_attributes).toMatchObject({ status: 'past_due' });
  });

  test("refuses what Stripe refuses on create: no customer, an unknown one, another customer's subscription", async ({ stripe }) => {
    expect((await rejectionOf(stripe.invoices.create({}))).code).toBe('parameter_missing');
    expect((await rejectionOf(stripe.invoices.create({ customer: 'cus_missing' }))).statusCode).toBe(404);
    const { subscription } = await subscriber(stripe);
    const stranger = await stripe.customers.create({ email: uniqueEmail('stranger') });
    expect((await rejectionOf(stripe.invoices.create({ customer: stranger.id, subscription: subscription.id }))).param).toBe(
      'subscription',
    );
  });
});
