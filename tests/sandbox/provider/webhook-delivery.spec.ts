import Stripe from 'stripe';
import { test, expect, uniqueEmail, completePaidSession, chargeOf, idOf, webhookAttempts, TEST_WEBHOOK_RETRY } from './support/fixtures';
import type { ReceivedDelivery } from './support/webhookReceiver';

function obj(d: ReceivedDelivery): Record<string, unknown> {
  return d.event.data.object;
}

/** Waits (condition, not sleep) until the provider has no outstanding deliveries for these events. */
async function settled(stripe: Stripe, eventIds: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const pending: string[] = [];
        for (const id of eventIds) {
          const e = await stripe.events.retrieve(id);
          if (e.pending_webhooks !== 0) pending.push(`${e.type}:${e.pending_webhooks}`);
        }
        return pending;
      },
      { message: 'events still have pending_webhooks', timeout: 15_000 },
    )
    .toEqual([]);
}

async function eventsSince(stripe: Stripe, created: number): Promise<Stripe.Event[]> {
  return stripe.events.list({ created: { gte: created }, limit: 100 }).autoPagingToArray({ limit: 1000 });
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000) - 1;
}

test.describe('webhook delivery', () => {
  test('delivers the payment and refund lifecycle, each delivery verifiable with constructEvent', async ({ stripe, webhookLab }) => {
    const receiver = await webhookLab.listen();
    const endpoint = await webhookLab.endpoint(receiver, {
      enabled_events: ['checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded', 'charge.refunded', 'refund.created'],
    });
    const secret = endpoint.secret as string;

    const { session } = await completePaidSession(stripe, { client_reference_id: 'clk_webhook', metadata: { order_id: 'ord_wh' } });
    const piId = idOf(session.payment_intent) as string;
    const charge = await chargeOf(stripe, piId);
    const refund = await stripe.refunds.create({ payment_intent: piId });

    const completed = await receiver.waitFor(
      'checkout.session.completed',
      (d) => d.event.type === 'checkout.session.completed' && obj(d).id === session.id,
    );
    const piSucceeded = await receiver.waitFor(
      'payment_intent.succeeded',
      (d) => d.event.type === 'payment_intent.succeeded' && obj(d).id === piId,
    );
    const chargeSucceeded = await receiver.waitFor(
      'charge.succeeded',
      (d) => d.event.type === 'charge.succeeded' && obj(d).id === charge.id,
    );
    const chargeRefunded = await receiver.waitFor('charge.refunded', (d) => d.event.type === 'charge.refunded' && obj(d).id === charge.id);
    const refundCreated = await receiver.waitFor('refund.created', (d) => d.event.type === 'refund.created' && obj(d).id === refund.id);

    expect(obj(completed)).toMatchObject({
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      client_reference_id: 'clk_webhook',
      metadata: { order_id: 'ord_wh' },
    });
    // Triggered by the buyer on the hosted page, not by an API request.
    expect(completed.event.request).toEqual({ id: null, idempotency_key: null });
    // Triggered by our API call.
    expect((refundCreated.event.request as { id: string | null }).id).toBe(refund.lastResponse.requestId);
    expect(obj(piSucceeded)).toMatchObject({ object: 'payment_intent', status: 'succeeded' });
    expect(obj(chargeSucceeded)).toMatchObject({ object: 'charge', paid: true, payment_intent: piId });
    expect(obj(chargeRefunded)).toMatchObject({ object: 'charge', refunded: true, amount_refunded: charge.amount });
    expect(obj(refundCreated)).toMatchObject({ object: 'refund', charge: charge.id, amount: charge.amount });

    for (const d of receiver.deliveries) {
      expect(d.signature, `Stripe-Signature on ${d.event.type}`).toMatch(/^t=\d+,(.*,)?v1=[0-9a-f]{64}/);
      const verified = stripe.webhooks.constructEvent(d.rawBody, d.signature as string, secret);
      expect(verified.id).toBe(d.event.id);
      expect(verified).toMatchObject({ object: 'event', api_version: Stripe.API_VERSION, livemode: false });
      expect(d.headers['content-type']).toContain('application/json');
      // Delivered to a subscribed type only.
      expect(endpoint.enabled_events).toContain(d.event.type);
    }
  });

  test('rejects a delivery checked against a forged secret', async ({ stripe, webhookLab }) => {
    const receiver = await webhookLab.listen();
    const endpoint = await webhookLab.endpoint(receiver, { enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: uniqueEmail('forged') });
    const d = await receiver.waitFor('customer.created', (x) => obj(x).id === customer.id);
    expect(() => stripe.webhooks.constructEvent(d.rawBody, d.signature as string, 'whsec_forgedforgedforgedforgedforged')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() =>
      stripe.webhooks.constructEvent(d.rawBody.replace(customer.id, 'cus_tampered'), d.signature as string, endpoint.secret as string),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(stripe.webhooks.constructEvent(d.rawBody, d.signature as string, endpoint.secret as string).id).toBe(d.event.id);
  });

  test('brings pending_webhooks to 0 after the endpoint answers 2xx', async ({ stripe, webhookLab }) => {
    const receiver = await webhookLab.listen();
    await webhookLab.endpoint(receiver, { enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: uniqueEmail('pending') });
    const d = await receiver.waitFor('customer.created', (x) => obj(x).id === customer.id);
    expect(d.answeredStatus).toBe(200);
    await expect.poll(async () => (await stripe.events.retrieve(d.event.id)).pending_webhooks, { timeout: 10_000 }).toBe(0);
  });

  test('retries an endpoint that answered 500 and lists every attempt at /_sandbox/webhook_attempts', async ({
    stripe,
    provider,
    webhookLab,
  }) => {
    const failedOnce = new Set<string>();
    const receiver = await webhookLab.listen({
      respond: (d) => {
        if (failedOnce.has(d.event.id)) return 200;
        failedOnce.add(d.event.id);
        return 500;
      },
    });
    const endpoint = await webhookLab.endpoint(receiver, { enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: uniqueEmail('retry') });

    const first = await receiver.waitFor('first attempt', (d) => obj(d).id === customer.id);
    expect(first.answeredStatus).toBe(500);
    const second = await receiver.waitFor('retried attempt', (d) => obj(d).id === customer.id && d.seq > first.seq);
    expect(second.answeredStatus).toBe(200);
    expect(second.event.id).toBe(first.event.id);
    stripe.webhooks.constructEvent(second.rawBody, second.signature as string, endpoint.secret as string);

    await expect.poll(async () => (await stripe.events.retrieve(first.event.id)).pending_webhooks, { timeout: 10_000 }).toBe(0);
    const attempts = await webhookAttempts(provider, { event: first.event.id, endpoint: endpoint.id });
    const sorted = [...attempts].sort((a, b) => a.attempt - b.attempt);
    expect(sorted).toHaveLength(2);
    expect(sorted[0]).toMatchObject({
      event: first.event.id,
      event_type: 'customer.created',
      endpoint: endpoint.id,
      url: receiver.url,
      attempt: 1,
      response_status: 500,
      succeeded: false,
    });
    expect(typeof sorted[0]?.next_retry_at).toBe('number');
    expect(sorted[1]).toMatchObject({ attempt: 2, response_status: 200, succeeded: true, next_retry_at: null, error: null });
    for (const a of sorted) {
      expect(a.id).toBeTruthy();
      expect(typeof a.duration_ms).toBe('number');
      expect(typeof a.attempted_at).toBe('number');
    }
    expect(sorted[1]!.attempted_at).toBeGreaterThanOrEqual(sorted[0]!.attempted_at);
  });

  test('stops retrying after the configured number of attempts', async ({ stripe, provider, webhookLab }) => {
    const receiver = await webhookLab.listen({ respond: () => 500 });
    const endpoint = await webhookLab.endpoint(receiver, { enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: uniqueEmail('always-500') });
    const first = await receiver.waitFor('first attempt', (d) => obj(d).id === customer.id);
    await expect
      .poll(
        async () => {
          const attempts = await webhookAttempts(provider, { event: first.event.id, endpoint: endpoint.id });
          const last = [...attempts].sort((a, b) => a.attempt - b.attempt).at(-1);
          return { count: attempts.length, lastNextRetry: last ? last.next_retry_at : 'no attempt yet' };
        },
        { timeout: 15_000 },
      )
      .toEqual({ count: TEST_WEBHOOK_RETRY.maxAttempts, lastNextRetry: null });
    const attempts = await webhookAttempts(provider, { event: first.event.id, endpoint: endpoint.id });
    expect(attempts.every((a) => a.response_status === 500 && !a.succeeded)).toBe(true);
    expect(attempts.map((a) => a.attempt).sort()).toEqual(Array.from({ length: TEST_WEBHOOK_RETRY.maxAttempts }, (_, i) => i + 1));
    expect(receiver.deliveries.filter((d) => d.event.id === first.event.id)).toHaveLength(TEST_WEBHOOK_RETRY.maxAttempts);
  });

  test('records an unreachable endpoint as an attempt with an error and no status', async ({ stripe, provider, webhookLab }) => {
    const gone = await webhookLab.listen();
    await gone.close();
    const endpoint = await webhookLab.endpoint(gone, { enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: uniqueEmail('unreachable') });
    const event = await expect
      .poll(
        async () =>
          (await stripe.events.list({ type: 'customer.created', limit: 20 })).data.find(
            (e) => (e.data.object as { id: string }).id === customer.id,
          )?.id,
      )
      .toBeTruthy()
      .then(async () =>
        (await stripe.events.list({ type: 'customer.created', limit: 20 })).data.find(
          (e) => (e.data.object as { id: string }).id === customer.id,
        )!,
      );
    await expect
      .poll(async () => (await webhookAttempts(provider, { event: event.id, endpoint: endpoint.id })).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const [attempt] = await webhookAttempts(provider, { event: event.id, endpoint: endpoint.id });
    expect(attempt).toMatchObject({ attempt: 1, response_status: null, succeeded: false });
    expect(typeof attempt?.error).toBe('string');
    expect((await stripe.events.retrieve(event.id)).pending_webhooks).toBeGreaterThan(0);
  });

  test('rejects /_sandbox/webhook_attempts without the secret key', async ({ provider }) => {
    const res = await fetch(`${provider.url}/_sandbox/webhook_attempts`);
    expect(res.status).toBe(401);
  });

  test('sends an endpoint subscribed only to charge.refunded nothing else', async ({ stripe, provider, webhookLab }) => {
    const start = nowSeconds();
    const all = await webhookLab.listen();
    await webhookLab.endpoint(all, { enabled_events: ['*'] });
    const onlyRefunds = await webhookLab.listen();
    const refundsEndpoint = await webhookLab.endpoint(onlyRefunds, { enabled_events: ['charge.refunded'] });

    const pi = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const chargeId = idOf(pi.latest_charge) as string;
    await stripe.refunds.create({ charge: chargeId, amount: 1000 });

    await all.waitFor('charge.succeeded at the catch-all', (d) => d.event.type === 'charge.succeeded' && obj(d).id === chargeId);
    await all.waitFor('charge.refunded at the catch-all', (d) => d.event.type === 'charge.refunded' && obj(d).id === chargeId);
    await onlyRefunds.waitFor('charge.refunded', (d) => d.event.type === 'charge.refunded' && obj(d).id === chargeId);
    const related = (await eventsSince(stripe, start)).filter((e) => {
      const o = e.data.object as { id?: string; payment_intent?: string | null; charge?: string | null };
      return o.id === pi.id || o.id === chargeId || o.payment_intent === pi.id || o.charge === chargeId;
    });
    expect(related.map((e) => e.type)).toEqual(expect.arrayContaining(['payment_intent.succeeded', 'charge.succeeded', 'charge.refunded']));
    await settled(
      stripe,
      related.map((e) => e.id),
    );
    // Every related event reached the catch-all endpoint.
    for (const e of related) await all.waitFor(e.type, (d) => d.event.id === e.id);

    expect(onlyRefunds.deliveries.map((d) => d.event.type)).toEqual(['charge.refunded']);
    const attempts = await webhookAttempts(provider, { endpoint: refundsEndpoint.id });
    expect(attempts.map((a) => a.event_type)).toEqual(['charge.refunded']);
  });

  test('sends a disabled endpoint nothing, and does not resend to it after re-enabling', async ({ stripe, provider, webhookLab }) => {
    const all = await webhookLab.listen();
    await webhookLab.endpoint(all, { enabled_events: ['customer.created'] });
    const sleepy = await webhookLab.listen();
    const sleepyEndpoint = await webhookLab.endpoint(sleepy, { enabled_events: ['customer.created'] });
    expect((await stripe.webhookEndpoints.update(sleepyEndpoint.id, { disabled: true })).status).toBe('disabled');

    const whileDisabled = await stripe.customers.create({ email: uniqueEmail('disabled') });
    const seen = await all.waitFor('customer.created at the enabled endpoint', (d) => obj(d).id === whileDisabled.id);
    await settled(stripe, [seen.event.id]);
    expect(sleepy.deliveries).toEqual([]);
    expect(await webhookAttempts(provider, { endpoint: sleepyEndpoint.id })).toEqual([]);

    await stripe.webhookEndpoints.update(sleepyEndpoint.id, { disabled: false });
    const afterEnable = await stripe.customers.create({ email: uniqueEmail('reenabled') });
    const resumed = await sleepy.waitFor('customer.created after re-enabling', (d) => obj(d).id === afterEnable.id);
    await settled(stripe, [seen.event.id, resumed.event.id]);
    expect(sleepy.deliveries.map((d) => obj(d).id)).toEqual([afterEnable.id]);
  });

  test('stops delivering to a deleted endpoint', async ({ stripe, provider, webhookLab }) => {
    const receiver = await webhookLab.listen();
    const endpoint = await webhookLab.endpoint(receiver, { enabled_events: ['customer.created'] });
    const witness = await webhookLab.listen();
    await webhookLab.endpoint(witness, { enabled_events: ['customer.created'] });
    await stripe.webhookEndpoints.del(endpoint.id);
    const customer = await stripe.customers.create({ email: uniqueEmail('deleted-endpoint') });
    const d = await witness.waitFor('customer.created at the witness', (x) => obj(x).id === customer.id);
    await settled(stripe, [d.event.id]);
    expect(receiver.deliveries).toEqual([]);
    expect(await webhookAttempts(provider, { endpoint: endpoint.id })).toEqual([]);
  });

  test('records the delivered event identically in the events API', async ({ stripe, webhookLab }) => {
    const receiver = await webhookLab.listen();
    await webhookLab.endpoint(receiver, { enabled_events: ['product.created'] });
    const product = await stripe.products.create({ name: 'delivered product' }, { idempotencyKey: `prod-${Date.now()}-${Math.random()}` });
    const d = await receiver.waitFor('product.created', (x) => obj(x).id === product.id);
    const stored = await stripe.events.retrieve(d.event.id);
    expect(stored.type).toBe('product.created');
    expect((stored.data.object as Stripe.Product).id).toBe(product.id);
    expect(d.event.request).toMatchObject({ id: product.lastResponse.requestId });
    expect(d.event.api_version).toBe(Stripe.API_VERSION);
    expect(d.event.livemode).toBe(false);
  });
});
