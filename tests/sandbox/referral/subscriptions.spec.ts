import { FaultSwitches } from '../../../sandbox/faults';
import { test, expect, type Platform } from './support/fixtures';
import { deliverProviderEvent } from './support/providerEvents';
import { MonthlySubscription, plusMonths } from './support/subscriptionEvents';
import type { WebhookReceiver } from './support/webhookReceiver';
import type Stripe from 'stripe';

async function deliver(platform: Platform, event: Stripe.Event): Promise<string> {
  const answer = await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
  expect(answer.status).toBe(200);
  return answer.body.outcome ?? '';
}

/** A subscription started through a click of `partner`, its checkout session already delivered. */
async function subscribed(platform: Platform, partner = 'alice', options: { start?: number } = {}): Promise<MonthlySubscription> {
  const click = (await platform.click(partner)).body;
  const subscription = new MonthlySubscription({ clickId: click.id, ...options });
  await deliver(platform, subscription.checkoutCompleted());
  return subscription;
}

async function commissionsOf(platform: Platform, subscription: MonthlySubscription): Promise<any[]> {
  return (await platform.api('GET', `/v1/commissions?subscription=${subscription.id}&limit=100`)).body.data;
}

async function conversionsOf(platform: Platform, subscription: MonthlySubscription): Promise<any[]> {
  return (await platform.api('GET', `/v1/conversions?subscription=${subscription.id}&limit=100`)).body.data;
}

function messagesOf(receiver: WebhookReceiver, type: string): any[] {
  return receiver.received.map((r) => JSON.parse(r.body)).filter((m) => m.type === type);
}

test.describe('referral platform: recurring commissions', () => {
  test('registers for customer.subscription.deleted too', async ({ lab }) => {
    const platform = await lab.start();
    expect(platform.provider.registrations[0]?.enabled_events).toEqual([
      'checkout.session.completed',
      'invoice.paid',
      'charge.refunded',
      'customer.subscription.deleted',
    ]);
  });

  test('pays a commission on the first invoice and on each renewal', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', {
      url: receiver.url,
      enabled_events: ['conversion.created', 'commission.created'],
    });
    const subscription = await subscribed(platform, 'bob');

    for (const n of [0, 1, 2]) expect(await deliver(platform, subscription.invoicePaid(n))).toMatch(/^created conv_/);

    const conversions = await conversionsOf(platform, subscription);
    expect(conversions.map((c) => c.source).reverse()).toEqual([0, 1, 2].map((n) => ({ type: 'invoice', id: subscription.invoiceId(n) })));
    for (const [i, conversion] of [...conversions].reverse().entries()) {
      expect(conversion).toMatchObject({
        partner: 'ptn_bob',
        click: subscription.clickId,
        subscription: subscription.id,
        amount: 1500,
        currency: 'usd',
        payment_intent: subscription.paymentIntent(i),
        customer_email: 'subscriber@example.test',
        metadata: { order_id: subscription.orderId },
      });
    }
    const commissions = await commissionsOf(platform, subscription);
    expect(commissions).toHaveLength(3);
    for (const commission of commissions)
      expect(commission).toMatchObject({ partner: 'ptn_bob', status: 'pending', amount: 300, sale_amount: 1500 });
    expect(new Set(commissions.map((c) => c.conversion))).toEqual(new Set(conversions.map((c) => c.id)));

    await expect.poll(() => receiver.received.length).toBe(6);
    expect(
      messagesOf(receiver, 'commission.created')
        .map((m) => m.data.id)
        .sort(),
    ).toEqual(commissions.map((c) => c.id).sort());
    expect(messagesOf(receiver, 'conversion.created').map((m) => m.data.subscription)).toEqual(Array(3).fill(subscription.id));

    // Another subscription's payments stay out of this subscription's lists.
    const other = await subscribed(platform, 'alice');
    await deliver(platform, other.invoicePaid(0));
    expect(await commissionsOf(platform, subscription)).toHaveLength(3);
    expect((await platform.api('GET', '/v1/commissions?limit=100')).body.data).toHaveLength(4);
  });

  test('counts one commission per invoice whatever the number of deliveries', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['commission.created'] });
    const subscription = await subscribed(platform);

    const first = subscription.invoicePaid(0);
    expect(await deliver(platform, first)).toMatch(/^created/);
    expect(await deliver(platform, first)).toContain('duplicate event');
    expect(await deliver(platform, subscription.invoicePaid(0))).toContain('duplicate of');
    for (let i = 0; i < 3; i++) await deliver(platform, subscription.invoicePaid(1));
    // The session's own redelivery adds nothing either.
    await deliver(platform, subscription.checkoutCompleted());

    const commissions = await commissionsOf(platform, subscription);
    expect(commissions).toHaveLength(2);
    await expect.poll(() => receiver.received.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(2);
  });

  test('pays no commission after the subscription is canceled', async ({ lab }) => {
    const platform = await lab.start();
    const subscription = await subscribed(platform);
    await deliver(platform, subscription.invoicePaid(0));

    expect(await deliver(platform, subscription.deleted())).toBe(`ended the attribution of subscription ${subscription.id}`);
    // A renewal paid before the cancellation, delivered late, and one after it: neither earns anything.
    for (const n of [1, 2]) expect(await deliver(platform, subscription.invoicePaid(n))).toMatch(/^ignored: .* was canceled/);
    expect(await deliver(platform, subscription.checkoutCompleted())).toMatch(/^ignored/);

    expect(await commissionsOf(platform, subscription)).toHaveLength(1);
    expect(await conversionsOf(platform, subscription)).toHaveLength(1);

    // The customer's other, still active subscription keeps paying.
    const second = new MonthlySubscription({ customer: subscription.customer });
    expect(await deliver(platform, second.invoicePaid(0))).toMatch(/^created/);
    expect((await commissionsOf(platform, second))[0]).toMatchObject({ partner: 'ptn_alice' });
  });

  test('stops after max_duration_months', async ({ lab }) => {
    const platform = await lab.start();
    const program = (await platform.api('GET', '/v1/programs/prog_demo')).body;
    expect(program.max_duration_months).toBeNull();

    const updated = await platform.api('POST', '/v1/programs/prog_demo', { max_duration_months: 2 });
    expect(updated.status).toBe(200);
    expect(updated.body.max_duration_months).toBe(2);
    // A 31st of January start: the months are calendar months (Feb 28, Mar 31, …), as Stripe bills them.
    const subscription = await subscribed(platform, 'alice', { start: Date.UTC(2027, 0, 31, 12) / 1000 });
    expect(plusMonths(subscription.start, 1)).toBe(Date.UTC(2027, 1, 28, 12) / 1000);
    const outcomes = [];
    for (const n of [0, 1, 2, 3]) outcomes.push(await deliver(platform, subscription.invoicePaid(n)));
    expect(outcomes[2]).toContain('max_duration_months (2)');
    const sources = (await conversionsOf(platform, subscription)).map((c) => c.source.id).reverse();
    expect(sources).toEqual([subscription.invoiceId(0), subscription.invoiceId(1)]);
    expect(await commissionsOf(platform, subscription)).toHaveLength(2);

    await platform.api('POST', '/v1/programs/prog_demo', { max_duration_months: 0 });
    const firstOnly = await subscribed(platform, 'bob');
    for (const n of [0, 1, 2]) await deliver(platform, firstOnly.invoicePaid(n));
    expect((await commissionsOf(platform, firstOnly)).map((c) => c.partner)).toEqual(['ptn_bob']);

    await platform.api('POST', '/v1/programs/prog_demo', { max_duration_months: null });
    expect(await deliver(platform, firstOnly.invoicePaid(3))).toMatch(/^created/);

    const invalid = await platform.api('POST', '/v1/programs/prog_demo', { max_duration_months: -1 });
    expect(invalid.status).toBe(400);
    const unknown = await platform.api('POST', '/v1/programs/prog_demo', { name: 'Renamed' });
    expect(unknown.body.error.code).toBe('parameter_unknown');
  });

  test('skips renewal commissions when the fault is on', async ({ lab }) => {
    const faults = new FaultSwitches();
    const platform = await lab.start({ faults });
    const subscription = await subscribed(platform);
    await deliver(platform, subscription.invoicePaid(0));

    // Switched on after the first payment: the fault is read when each event is handled.
    faults.enable('referral.skip-renewal-commission');
    expect(await deliver(platform, subscription.invoicePaid(1))).toBe('ignored: fault referral.skip-renewal-commission is on');
    const newcomer = await subscribed(platform, 'bob');
    expect(await deliver(platform, newcomer.invoicePaid(0))).toMatch(/^created/);

    expect(await commissionsOf(platform, subscription)).toHaveLength(1);
    expect(await conversionsOf(platform, subscription)).toHaveLength(1);
    expect(await commissionsOf(platform, newcomer)).toHaveLength(1);

    faults.disable('referral.skip-renewal-commission');
    expect(await deliver(platform, subscription.invoicePaid(2))).toMatch(/^created/);
    expect(await commissionsOf(platform, subscription)).toHaveLength(2);
  });

  test("does not pay twice for a subscription's first payment", async ({ lab }) => {
    const platform = await lab.start();
    const clickFor = async (partner: string) => (await platform.click(partner)).body.id as string;

    // Session first, then the first invoice.
    const sessionFirst = new MonthlySubscription({ clickId: await clickFor('alice') });
    expect(await deliver(platform, sessionFirst.checkoutCompleted())).toContain('payments are counted from invoice.paid');
    await deliver(platform, sessionFirst.invoicePaid(0));

    // The first invoice first (its subscription metadata carries the click), then the session.
    const invoiceFirst = new MonthlySubscription({ clickId: await clickFor('bob') });
    await deliver(platform, invoiceFirst.invoicePaid(0));
    await deliver(platform, invoiceFirst.checkoutCompleted());

    // The first invoice first, with no click outside the session: held until the session arrives.
    const held = new MonthlySubscription({ clickId: await clickFor('alice'), clickInSubscriptionMetadata: false });
    expect(await deliver(platform, held.invoicePaid(0))).toMatch(/^held/);
    expect(await conversionsOf(platform, held)).toEqual([]);
    expect(await deliver(platform, held.checkoutCompleted())).toMatch(/; created conv_/);

    for (const subscription of [sessionFirst, invoiceFirst, held]) {
      const conversions = await conversionsOf(platform, subscription);
      expect(conversions).toHaveLength(1);
      expect(conversions[0]).toMatchObject({
        source: { type: 'invoice', id: subscription.invoiceId(0) },
        click: subscription.clickId,
        amount: 1500,
      });
      expect(await commissionsOf(platform, subscription)).toHaveLength(1);
      const bySession = (await platform.api('GET', `/v1/conversions?source_id=${subscription.sessionId}`)).body.data;
      expect(bySession).toEqual([]);
    }
    expect((await platform.api('GET', '/v1/commissions?limit=100')).body.data).toHaveLength(3);
  });
});
