import Stripe from 'stripe';
import { test, expect, uniqueEmail, completeSubscriptionSession, idOf, rejectionOf, waitForClockReady } from './support/fixtures';

const DAY = 86400;
const START = Math.floor(Date.UTC(2031, 2, 1, 9) / 1000); // 1 March 2031, 09:00 UTC

async function clockedSubscription(stripe: Stripe, name: string) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START, name });
  const customer = await stripe.customers.create({ email: uniqueEmail('clock'), test_clock: clock.id });
  const { subscription } = await completeSubscriptionSession(stripe, {
    customer: customer.id,
    subscription_data: { metadata: { plan: 'club' } },
  });
  return { clock, customer, subscription, periodEnd: subscription.items.data[0]!.current_period_end };
}

test.describe('test clocks', () => {
  test('create, retrieve, list, delete', async ({ stripe }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: START, name: 'crud' });
    expect(clock).toMatchObject({ object: 'test_helpers.test_clock', frozen_time: START, name: 'crud', status: 'ready', livemode: false });
    expect(clock.id).toMatch(/^clock_/);
    expect(await stripe.testHelpers.testClocks.retrieve(clock.id)).toMatchObject({ id: clock.id, status: 'ready' });
    expect((await stripe.testHelpers.testClocks.list({ limit: 100 })).data.map((c) => c.id)).toContain(clock.id);
    const deleted = await stripe.testHelpers.testClocks.del(clock.id);
    expect(deleted).toMatchObject({ id: clock.id, deleted: true });
  });

  test('advancing past the period end renews: subscription_cycle invoice paid, delivered as a signed invoice.paid', async ({
    stripe,
    webhookLab,
  }) => {
    const receiver = await webhookLab.listen();
    const endpoint = await webhookLab.endpoint(receiver, {
      enabled_events: ['invoice.paid', 'test_helpers.test_clock.ready', 'customer.subscription.updated'],
    });
    const { clock, subscription, periodEnd } = await clockedSubscription(stripe, 'renewal');
    expect(periodEnd).toBe(Math.floor(Date.UTC(2031, 3, 1, 9) / 1000));

    const advancing = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + DAY });
    expect(advancing.status).toBe('advancing');
    const ready = await waitForClockReady(stripe, clock.id);
    expect(ready.frozen_time).toBe(periodEnd + DAY);

    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(['subscription_cycle', 'subscription_create']);
    const renewal = invoices.data[0]!;
    expect(renewal).toMatchObject({ status: 'paid', amount_paid: 1500, created: periodEnd, period_start: START, period_end: periodEnd });
    expect(renewal.parent?.subscription_details?.metadata).toEqual({ plan: 'club' });
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0]!.current_period_start).toBe(periodEnd);
    expect(idOf(renewed.latest_invoice)).toBe(renewal.id);
    const expanded = await stripe.invoices.retrieve(renewal.id, { expand: ['payments.data.payment.payment_intent'] });
    const pi = expanded.payments?.data[0]?.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ status: 'succeeded', amount: 1500, payment_method: idOf(subscription.default_payment_method) });

    const delivery = await receiver.waitFor(
      'renewal invoice.paid',
      (d) => d.event.type === 'invoice.paid' && d.event.data.object.id === renewal.id,
    );
    const secret = endpoint.secret as string; // shown only on create
    const event = stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature as string, secret);
    expect(event.type).toBe('invoice.paid');
    expect((event.data.object as Stripe.Invoice).billing_reason).toBe('subscription_cycle');
    await receiver.waitFor('clock ready', (d) => d.event.type === 'test_helpers.test_clock.ready' && d.event.data.object.id === clock.id);
  });

  test('a failing renewal (pm_card_chargeCustomerFail) → invoice.payment_failed and past_due', async ({ stripe }) => {
    const { clock, customer, subscription, periodEnd } = await clockedSubscription(stripe, 'failing');
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 60 });
    await waitForClockReady(stripe, clock.id);

    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.status).toBe('past_due');
    const [renewal] = (await stripe.invoices.list({ subscription: subscription.id, status: 'open' })).data;
    expect(renewal).toMatchObject({
      billing_reason: 'subscription_cycle',
      status: 'open',
      amount_paid: 0,
      amount_remaining: 1500,
      attempted: true,
      attempt_count: 1,
    });
    const failed = await stripe.events.list({ type: 'invoice.payment_failed', limit: 100 });
    expect(failed.data.some((e) => (e.data.object as Stripe.Invoice).id === renewal!.id)).toBe(true);
    const updated = await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 });
    const pastDue = updated.data.find(
      (e) => (e.data.object as Stripe.Subscription).id === subscription.id && (e.data.object as Stripe.Subscription).status === 'past_due',
    );
    expect(pastDue?.data.previous_attributes).toMatchObject({ status: 'active' });
  });

  test('cancel_at_period_end reaching the period end cancels; a canceled subscription bills nothing', async ({ stripe }) => {
    const { clock, subscription, periodEnd } = await clockedSubscription(stripe, 'period-end');
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + DAY });
    await waitForClockReady(stripe, clock.id);
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after).toMatchObject({ status: 'canceled', ended_at: periodEnd });
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted', limit: 100 });
    expect(deleted.data.some((e) => (e.data.object as Stripe.Subscription).id === subscription.id)).toBe(true);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 40 * DAY });
    await waitForClockReady(stripe, clock.id);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data.map((i) => i.billing_reason)).toEqual([
      'subscription_create',
    ]);
  });

  test('time only moves forward, and at most two intervals of the shortest subscription', async ({ stripe }) => {
    const { clock, periodEnd } = await clockedSubscription(stripe, 'limits');
    const backwards = await rejectionOf(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START - DAY }));
    expect(backwards.type).toBe('StripeInvalidRequestError');
    expect(backwards.param).toBe('frozen_time');
    const same = await rejectionOf(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START }));
    expect(same.type).toBe('StripeInvalidRequestError');
    const tooFar = await rejectionOf(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 100 * DAY }));
    expect(tooFar.message).toMatch(/two intervals/);
    expect((await stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time).toBe(START);
    // Two months is allowed and bills both renewals.
    const twoMonths = Math.floor(Date.UTC(2031, 4, 1, 9) / 1000);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: twoMonths });
    await waitForClockReady(stripe, clock.id);
    expect(periodEnd).toBeLessThan(twoMonths);
  });

  test('deleting a clock deletes its customers and cancels their subscriptions', async ({ stripe }) => {
    const { clock, customer, subscription } = await clockedSubscription(stripe, 'delete');
    await stripe.testHelpers.testClocks.del(clock.id);
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
  });
});
