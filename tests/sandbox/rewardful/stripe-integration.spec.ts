import { createHmac } from 'node:crypto';
import { test, expect } from './support/rewardfulWorld';
import { payHostedCheckout } from '../support/payHostedCheckout';

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe('Rewardful emulation: attribution from Stripe, refunds and webhooks', () => {
  test("subscribes to the provider's events as its Stripe integration", async ({ startWorld }) => {
    const { stripe, rewardful } = await startWorld();
    const endpoints = await stripe.webhookEndpoints.list();
    expect(endpoints.data.map((e) => [e.url, [...e.enabled_events].sort()])).toEqual([
      [
        `${rewardful.url}/_sandbox/stripe/webhooks`,
        ['charge.refunded', 'checkout.session.completed', 'customer.created', 'customer.updated', 'invoice.paid'],
      ],
    ]);
  });

  test('a paid checkout carrying the referral makes a sale and a pending 20 % commission', async ({ startWorld }) => {
    const world = await startWorld();
    const referral = await world.visit();
    await world.payCheckout(referral);

    await expect.poll(async () => (await world.get('/v1/commissions?expand[]=sale')).body.data.length).toBe(1);
    const [commission] = (await world.get('/v1/commissions?expand[]=sale')).body.data;
    expect(commission).toMatchObject({ amount: 400, currency: 'USD', state: 'pending', paid_at: null, voided_at: null });
    expect(commission.sale).toMatchObject({
      charge_amount_cents: 2000,
      sale_amount_cents: 2000,
      refund_amount_cents: 0,
      referral: { id: referral },
    });
    expect(commission.sale.stripe_charge_id).toMatch(/^ch_/);
    const dueInDays = (Date.parse(commission.due_at) - Date.now()) / 86_400_000;
    expect(dueInDays).toBeGreaterThan(29.9);
    expect(dueInDays).toBeLessThan(30.1);
    const [converted] = (await world.get('/v1/referrals?conversion_state=conversion')).body.data;
    expect(converted).toMatchObject({ id: referral, customer: { email: 'buyer@example.test' } });
  });

  test("a subscription's paid invoice is a sale, even when it arrives before the checkout that links the customer", async ({
    startWorld,
  }) => {
    const world = await startWorld();
    const referral = await world.visit();
    const product = await world.stripe.products.create({ name: 'Rehearsal Club' });
    const price = await world.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month' },
    });
    const session = await world.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ quantity: 1, price: price.id }],
      success_url: 'http://127.0.0.1:9/success?session_id={CHECKOUT_SESSION_ID}',
      client_reference_id: referral,
    });
    expect((await payHostedCheckout(world.provider.url, session.id)).status).toBe(303);
    await expect.poll(async () => (await world.get('/v1/commissions?expand[]=sale')).body.data.length).toBe(1);
    const [commission] = (await world.get('/v1/commissions?expand[]=sale')).body.data;
    expect(commission).toMatchObject({ amount: 300, state: 'pending', sale: { sale_amount_cents: 1500, referral: { id: referral } } });
    expect(commission.sale.invoiced_at).not.toBeNull();
  });

  test('a customer created with metadata.referral is linked (lead); metadata.rewardful=false is skipped', async ({ startWorld }) => {
    const world = await startWorld();
    const referral = await world.visit();
    const customer = await world.stripe.customers.create({ email: 'lead@example.test', metadata: { referral } });
    await expect.poll(async () => (await world.get(`/v1/referrals?stripe_customer_id=${customer.id}`)).body.data.length).toBe(1);
    expect((await world.get(`/v1/referrals?stripe_customer_id=${customer.id}`)).body.data[0]).toMatchObject({
      id: referral,
      conversion_state: 'lead',
    });

    const optedOut = await world.visit();
    const skipped = await world.stripe.customers.create({ email: 'no@example.test', metadata: { referral: optedOut, rewardful: 'false' } });
    await settle();
    expect((await world.get(`/v1/referrals?stripe_customer_id=${skipped.id}`)).body.data).toEqual([]);
  });

  test('a checkout without a referral earns nothing', async ({ startWorld }) => {
    const world = await startWorld();
    await world.payCheckout(null);
    await settle();
    expect((await world.get('/v1/commissions')).body.data).toEqual([]);
  });

  test('a partial refund recalculates the commission, a full refund deletes it', async ({ startWorld }) => {
    const world = await startWorld();
    const receiver = await world.receiver();
    const session = await world.payCheckout(await world.visit());
    await expect.poll(async () => (await world.get('/v1/commissions')).body.data.length).toBe(1);
    const [{ id }] = (await world.get('/v1/commissions')).body.data;

    await world.stripe.refunds.create({ payment_intent: session.payment_intent as string, amount: 501 });
    await expect.poll(async () => (await world.get(`/v1/commissions/${id}`)).body.amount).toBe(300);
    expect((await world.get(`/v1/commissions/${id}`)).body.sale).toMatchObject({ refund_amount_cents: 501 });

    await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
    await expect.poll(async () => (await world.get(`/v1/commissions/${id}`)).status).toBe(404);
    await expect
      .poll(() => receiver.types())
      .toEqual(expect.arrayContaining(['sale.refunded', 'commission.updated', 'commission.deleted']));
  });

  test('signs every webhook: {object, event, request}, X-Rewardful-Signature = hex HMAC-SHA256 of the body', async ({ startWorld }) => {
    const world = await startWorld();
    const receiver = await world.receiver();
    await world.payCheckout(await world.visit());
    await expect.poll(() => receiver.types()).toEqual(['referral.created', 'referral.converted', 'sale.created', 'commission.created']);
    for (const { headers, body } of receiver.received) {
      expect(headers['x-rewardful-signature']).toBe(createHmac('sha256', receiver.secret).update(body).digest('hex'));
      const parsed = JSON.parse(body) as { object: { id: string }; event: Record<string, unknown>; request: { id: string } };
      expect(Object.keys(parsed).sort()).toEqual(['event', 'object', 'request']);
      expect(parsed.event).toMatchObject({ api_version: 'v1' });
      expect(typeof parsed.object.id).toBe('string');
    }
  });

  test('retries a failed delivery with backoff, the same event each time', async ({ startWorld }) => {
    const world = await startWorld();
    const receiver = await world.receiver((n) => (n === 1 ? 503 : 200));
    await world.visit();
    await expect.poll(() => receiver.received.length).toBe(2);
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
    expect(world.rewardful.deliveryAttempts().map((a) => [a.attempt, a.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
  });

  test('fault rewardful.stripe-not-connected: no provider subscription, no conversion ever', async ({ startWorld }) => {
    const world = await startWorld({ rewardfulFaults: ['rewardful.stripe-not-connected'] });
    expect((await world.stripe.webhookEndpoints.list()).data).toEqual([]);
    await world.payCheckout(await world.visit());
    await settle();
    expect((await world.get('/v1/commissions')).body.data).toEqual([]);
    expect((await world.get('/v1/referrals?conversion_state=conversion')).body.data).toEqual([]);
  });

  test('fault rewardful.refund-ignored: the commission keeps its amount after a refund', async ({ startWorld }) => {
    const world = await startWorld({ rewardfulFaults: ['rewardful.refund-ignored'] });
    const session = await world.payCheckout(await world.visit());
    await expect.poll(async () => (await world.get('/v1/commissions')).body.data.length).toBe(1);
    await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
    await settle();
    expect((await world.get('/v1/commissions')).body.data[0]).toMatchObject({ amount: 400, state: 'pending' });
  });
});
