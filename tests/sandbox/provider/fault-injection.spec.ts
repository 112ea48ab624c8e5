import Stripe from 'stripe';
import { sdkClient, webhookAttempts, type RunningTestProvider } from './support/fixtures';
import { faultInjection, injectFaults } from './support/faultInjectionApi';
import { expect, test } from './support/providerLab';
import type { WebhookReceiver } from './support/webhookReceiver';

// Raw faults: the SDK with maxNetworkRetries 0 (it still retries a closed connection once, see the drop test).
function rawClient(provider: RunningTestProvider, appName?: string): Stripe {
  return sdkClient(provider, provider.secretKey, { maxNetworkRetries: 0, ...(appName ? { appInfo: { name: appName } } : {}) });
}

async function customerCount(stripe: Stripe): Promise<number> {
  return (await stripe.customers.list({ limit: 100 })).data.length;
}

/** An endpoint for every event at `receiver`, with its signing secret. */
async function endpointAt(stripe: Stripe, receiver: WebhookReceiver): Promise<{ id: string; secret: string }> {
  const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  return { id: endpoint.id, secret: endpoint.secret! };
}

/** The events the receiver got (verified with the SDK), in arrival order. */
function verifiedEvents(receiver: WebhookReceiver, secret: string): Stripe.Event[] {
  return receiver.deliveries.map((d) => Stripe.webhooks.constructEvent(d.rawBody, d.signature ?? '', secret));
}

test.describe('API faults', () => {
  test('a 500 at rate 1 answers api_error before anything runs; the record names the request', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['500'], methods: ['POST'] } });
    const error = await stripe.customers.create({ email: 'fault-500@example.test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, type: 'StripeAPIError' });
    expect(await customerCount(stripe), 'a faulted POST creates nothing').toBe(0);

    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.plan).toEqual({ api: { rate: 1, kinds: ['500'], methods: ['POST'] } });
    expect(body.injected).toEqual([
      { at: expect.any(Number), kind: '500', target: '/v1/customers', requestId: (error as Stripe.errors.StripeError).requestId },
    ]);
  });

  test('a 429 carries Retry-After and rate_limit; a 409 is lock_timeout; neither creates anything', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['429'], retryAfterSeconds: 7, methods: ['POST'] } });
    const limited = await stripe.customers.create({ email: 'fault-429@example.test' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited).toMatchObject({ statusCode: 429, code: 'rate_limit', headers: expect.objectContaining({ 'retry-after': '7' }) });

    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['409'], methods: ['POST'] } });
    const conflict = await stripe.customers.create({ email: 'fault-409@example.test' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeError);
    expect(conflict).toMatchObject({ statusCode: 409, code: 'lock_timeout', rawType: 'invalid_request_error' });
    expect(await customerCount(stripe)).toBe(0);
  });

  test('drop destroys the socket: a connection error, nothing created', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['drop'], methods: ['POST'] } });
    const error = await stripe.customers.create({ email: 'fault-drop@example.test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const { body } = await faultInjection(lab.provider, 'GET');
    // stripe-node retries a closed connection (ECONNRESET) once even with maxNetworkRetries 0: two drops.
    expect(body.injected.map((r) => r.kind)).toEqual(['drop', 'drop']);
    expect(await customerCount(stripe)).toBe(0);
  });

  test('a seeded rate picks the same requests every time, and only some', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    const pattern = async (): Promise<string> => {
      await injectFaults(lab.provider, { api: { rate: 0.5, kinds: ['500', '409'], seed: 7, methods: ['GET'] } });
      let seen = '';
      for (let i = 0; i < 24; i++) {
        seen += await stripe.customers.list({ limit: 1 }).then(
          () => '.',
          (e: Stripe.errors.StripeError) => (e.statusCode === 500 ? '5' : '4'),
        );
      }
      return seen;
    };
    const first = await pattern();
    expect(first, 'some requests pass, some get each kind').toContain('.');
    expect(first).toContain('5');
    expect(first).toContain('4');
    expect(await pattern(), 'the same seed gives the same faults').toBe(first);
  });

  test('a request faulted before it ran executes normally when retried with the same Idempotency-Key', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['500'], methods: ['POST'] } });
    await expect(stripe.customers.create({ email: 'retry@example.test' }, { idempotencyKey: 'fault-retry-1' })).rejects.toThrow();
    await faultInjection(lab.provider, 'DELETE');
    const customer = await stripe.customers.create({ email: 'retry@example.test' }, { idempotencyKey: 'fault-retry-1' });
    expect(customer.lastResponse.headers['idempotent-replayed'], 'nothing was saved for the key: this run is the first').toBeUndefined();
    expect(await customerCount(stripe)).toBe(1);
  });

  test('idempotent replays, sandbox routes and the hosted page are never faulted', async ({ lab }) => {
    const stripe = rawClient(lab.provider);
    const first = await stripe.customers.create({ email: 'replay@example.test' }, { idempotencyKey: 'fault-replay-1' });
    const product = await stripe.products.create({ name: 'Fault injection tee' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1000, currency: 'usd' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://127.0.0.1/success',
    });
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['500'] } });

    const replay = await stripe.customers.create({ email: 'replay@example.test' }, { idempotencyKey: 'fault-replay-1' });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.customers.retrieve(first.id), 'the plan is on').rejects.toMatchObject({ statusCode: 500 });

    const requests = await fetch(`${lab.provider.url}/_sandbox/requests`, {
      headers: { authorization: `Bearer ${lab.provider.secretKey}` },
    });
    expect(requests.status).toBe(200);
    const hosted = await fetch(session.url!);
    expect(hosted.status).toBe(200);
    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.injected.map((r) => r.target)).toEqual([`/v1/customers/${first.id}`]);
  });

  test('appName selects only the integration whose X-Stripe-Client-User-Agent names it', async ({ lab }) => {
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['500'], appName: 'dress-rehearsal' } });
    await expect(rawClient(lab.provider, 'dress-rehearsal').customers.list()).rejects.toMatchObject({ statusCode: 500 });
    await expect(rawClient(lab.provider, 'dress-rehearsal-demo-shop').customers.list()).resolves.toMatchObject({ object: 'list' });
    await expect(rawClient(lab.provider).customers.list(), 'no appInfo: not selected').resolves.toMatchObject({ object: 'list' });
  });
});

test.describe('webhook faults', () => {
  test('duplicate delivers the same event id twice, only to the selected endpoint', async ({ lab }) => {
    const [chosen, other] = [await lab.listen(), await lab.listen()];
    const chosenEndpoint = await endpointAt(lab.stripe, chosen);
    const otherEndpoint = await endpointAt(lab.stripe, other);
    await injectFaults(lab.provider, { webhooks: { endpoint: chosenEndpoint.id, duplicate: true } });
    const customer = await lab.stripe.customers.create({ email: 'dup@example.test' });
    const isIt = (d: { event: { type: string; data: { object: Record<string, unknown> } } }) =>
      d.event.type === 'customer.created' && d.event.data.object.id === customer.id;

    await chosen.waitFor('the duplicate', (d) => isIt(d) && chosen.deliveries.filter(isIt).length === 2);
    await other.waitFor('the single delivery', isIt);
    const twice = verifiedEvents(chosen, chosenEndpoint.secret).filter((e) => e.type === 'customer.created');
    expect(twice.map((e) => e.id)).toEqual([twice[0]!.id, twice[0]!.id]);
    const attempts = await webhookAttempts(lab.provider, { event: twice[0]!.id, endpoint: chosenEndpoint.id });
    expect(attempts.map((a) => [a.attempt, a.succeeded])).toEqual([
      [1, true],
      [2, true],
    ]);

    // The other endpoint's delivery (already awaited) stays single: nothing else is pending for it.
    const otherAttempts = await webhookAttempts(lab.provider, { event: twice[0]!.id, endpoint: otherEndpoint.id });
    expect(otherAttempts).toHaveLength(1);
    expect(verifiedEvents(other, otherEndpoint.secret).filter((e) => e.id === twice[0]!.id)).toHaveLength(1);
    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.injected).toContainEqual(expect.objectContaining({ kind: 'duplicate', target: chosenEndpoint.id, eventId: twice[0]!.id }));
  });

  test("reorder delivers one request's events newest first", async ({ lab }) => {
    const receiver = await lab.listen();
    const endpoint = await endpointAt(lab.stripe, receiver);
    const intent = await lab.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card'] });
    await receiver.waitFor('payment_intent.created', (d) => d.event.type === 'payment_intent.created');
    await injectFaults(lab.provider, { webhooks: { reorder: true } });
    const confirmed = await lab.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });

    await receiver.waitFor('payment_intent.succeeded', (d) => d.event.type === 'payment_intent.succeeded');
    await receiver.waitFor('charge.succeeded', (d) => d.event.type === 'charge.succeeded');
    const ofConfirm = verifiedEvents(receiver, endpoint.secret).filter((e) => e.request?.id === confirmed.lastResponse.requestId);
    expect(
      ofConfirm.map((e) => e.type),
      'written charge.succeeded then payment_intent.succeeded; delivered reversed',
    ).toEqual(['payment_intent.succeeded', 'charge.succeeded']);
    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.injected).toEqual([expect.objectContaining({ kind: 'reorder', target: endpoint.id, eventId: ofConfirm[0]!.id })]);
  });

  test('delayMs holds every first attempt that long', async ({ lab }) => {
    const receiver = await lab.listen();
    const endpoint = await endpointAt(lab.stripe, receiver);
    await injectFaults(lab.provider, { webhooks: { delayMs: 800 } });
    const before = Date.now();
    const customer = await lab.stripe.customers.create({ email: 'delay@example.test' });
    const delivery = await receiver.waitFor('customer.created', (d) => d.event.data.object.id === customer.id);
    expect(Date.now() - before).toBeGreaterThanOrEqual(800);
    expect(Stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature!, endpoint.secret).type).toBe('customer.created');
    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.injected).toEqual([expect.objectContaining({ kind: 'delay', target: endpoint.id, eventId: delivery.event.id })]);
  });

  test('failFirst records the first attempts as failed, sends nothing for them, then the retry schedule delivers', async ({ lab }) => {
    const receiver = await lab.listen();
    const endpoint = await endpointAt(lab.stripe, receiver);
    await injectFaults(lab.provider, { webhooks: { failFirst: 2 } });
    const customer = await lab.stripe.customers.create({ email: 'fail-first@example.test' });
    const delivery = await receiver.waitFor('customer.created', (d) => d.event.data.object.id === customer.id);
    expect(Stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature!, endpoint.secret).id).toBe(delivery.event.id);

    const attempts = await webhookAttempts(lab.provider, { event: delivery.event.id, endpoint: endpoint.id });
    expect(attempts.map((a) => ({ attempt: a.attempt, succeeded: a.succeeded, status: a.response_status, error: a.error }))).toEqual([
      { attempt: 1, succeeded: false, status: null, error: expect.stringMatching(/^injected failure/) },
      { attempt: 2, succeeded: false, status: null, error: expect.stringMatching(/^injected failure/) },
      { attempt: 3, succeeded: true, status: 200, error: null },
    ]);
    expect(attempts[0]!.next_retry_at, 'the failed attempts name their retry').not.toBeNull();
    expect(
      receiver.deliveries.filter((d) => d.event.id === delivery.event.id),
      'failed attempts sent nothing',
    ).toHaveLength(1);
    const { body } = await faultInjection(lab.provider, 'GET');
    expect(body.injected.map((r) => r.kind)).toEqual(['fail', 'fail']);
  });
});

test.describe('the route', () => {
  test('GET shows no plan at first; DELETE turns injection off and clears the record', async ({ lab }) => {
    expect((await faultInjection(lab.provider, 'GET')).body).toEqual({ plan: null, injected: [] });
    const stripe = rawClient(lab.provider);
    await injectFaults(lab.provider, { api: { rate: 1, kinds: ['500'] } });
    await expect(stripe.customers.list()).rejects.toMatchObject({ statusCode: 500 });
    expect((await faultInjection(lab.provider, 'GET')).body.injected).toHaveLength(1);

    const cleared = await faultInjection(lab.provider, 'DELETE');
    expect(cleared).toEqual({ status: 200, body: { plan: null, injected: [] } });
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });
  });

  test('refuses an invalid plan with a Stripe-style 400 naming the field, and an unknown key with 401', async ({ lab }) => {
    const cases: [unknown, string, string][] = [
      [{ api: { rate: 2, kinds: ['500'] } }, 'api.rate', 'parameter_invalid'],
      [{ api: { rate: 0.5 } }, 'api.kinds', 'parameter_missing'],
      [{ api: { rate: 0.5, kinds: ['503'] } }, 'api.kinds', 'parameter_invalid'],
      [{ api: { rate: 0.5, kinds: ['500'], methods: ['PATCH'] } }, 'api.methods', 'parameter_invalid'],
      [{ api: { rate: 0.5, kinds: ['500'], seed: 1.5 } }, 'api.seed', 'parameter_invalid'],
      [{ webhooks: { delayMs: 30_001 } }, 'webhooks.delayMs', 'parameter_invalid'],
      [{ webhooks: { endpoint: 'rwe_1' } }, 'webhooks.endpoint', 'parameter_invalid'],
      [{ webhooks: { failFirst: -1 } }, 'webhooks.failFirst', 'parameter_invalid'],
      [{ webhooks: { duplicate: 'yes' } }, 'webhooks.duplicate', 'parameter_invalid'],
      [{ chaos: true }, 'chaos', 'parameter_unknown'],
    ];
    for (const [plan, param, code] of cases) {
      const { status, body } = await faultInjection(lab.provider, 'PUT', plan);
      expect({ status, error: body.error }, JSON.stringify(plan)).toEqual({
        status: 400,
        error: expect.objectContaining({ type: 'invalid_request_error', param, code, message: expect.stringContaining(param) }),
      });
    }
    expect((await faultInjection(lab.provider, 'PUT', [])).status).toBe(400);
    expect((await faultInjection(lab.provider, 'GET')).body.plan, 'a refused plan changes nothing').toBeNull();
    expect((await faultInjection(lab.provider, 'GET', undefined, { key: 'sk_test_wrong' })).status).toBe(401);
  });
});
