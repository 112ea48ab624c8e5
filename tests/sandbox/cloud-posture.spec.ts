import { test as base, expect } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startWebhookReceiver, type WebhookReceiver } from './referral/support/webhookReceiver';
import { payReferredCheckout, providerSdk, referralApi } from './support/referredCheckout';

/** Retries short enough to watch the whole schedule. */
const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

const UNREACHABLE =
  /^unreachable: http:\/\/127\.0\.0\.1:\d+ cannot be reached from the internet \(the sandbox plays cloud: SANDBOX_CLOUD=1; SANDBOX_REACHABLE lists hosts that can be\)$/;

interface CloudWorld {
  sandbox: RunningSandbox;
  /** A receiver on loopback the sandbox was told nothing about, as the harness's sink on 127.0.0.1 is. */
  laptop: WebhookReceiver;
  /** A receiver listed in SANDBOX_REACHABLE (a forwarder the operator set up). */
  forwarded: WebhookReceiver;
}

const test = base.extend<{ world: CloudWorld }>({
  world: async ({}, use) => {
    const laptop = await startWebhookReceiver();
    const forwarded = await startWebhookReceiver();
    const sandbox = await startSandbox({
      providerPort: 0,
      referralPort: 0,
      shopPort: 0,
      injection: null,
      webhookRetry: FAST,
      cloud: { reachable: [new URL(forwarded.url).origin] },
    });
    await use({ sandbox, laptop, forwarded });
    await sandbox.stop();
    await forwarded.close();
    await laptop.close();
  },
});

test.describe('the sandbox playing cloud (SANDBOX_CLOUD=1)', () => {
  test('reaches only its own services, its merchant and SANDBOX_REACHABLE', async ({ world }) => {
    const { sandbox, forwarded } = world;
    const hostOf = (url: string) => new URL(url).host;
    expect(sandbox.cloud?.reachable.sort()).toEqual(
      [sandbox.provider.url, sandbox.referral.url, sandbox.shop.url, forwarded.url].map(hostOf).sort(),
    );
  });

  test('the provider sends nothing to a loopback endpoint, logs its attempts as unreachable and keeps the event pending', async ({
    world,
  }) => {
    const { sandbox, laptop, forwarded } = world;
    const stripe = providerSdk(sandbox.provider);
    const onLaptop = await stripe.webhookEndpoints.create({ url: laptop.url, enabled_events: ['customer.created'] });
    await stripe.webhookEndpoints.create({ url: forwarded.url, enabled_events: ['customer.created'] });

    const customer = await stripe.customers.create({ email: 'cloud@example.test' });

    const attempts = async () => {
      const response = await fetch(`${sandbox.provider.url}/_sandbox/webhook_attempts?endpoint=${onLaptop.id}`, {
        headers: { authorization: `Bearer ${sandbox.provider.secretKey}` },
      });
      return ((await response.json()) as { data: any[] }).data;
    };
    await expect.poll(async () => (await attempts()).length, { message: 'every attempt of the schedule is made' }).toBe(FAST.maxAttempts);
    const logged = await attempts();
    expect(logged.map((a) => [a.attempt, a.response_status, a.succeeded])).toEqual([
      [1, null, false],
      [2, null, false],
      [3, null, false],
    ]);
    for (const attempt of logged) expect(attempt.error).toMatch(UNREACHABLE);
    expect(logged[0].next_retry_at).toEqual(expect.any(Number));
    expect(logged[2].next_retry_at).toBeNull();
    expect(laptop.received, 'the loopback receiver got no request').toEqual([]);

    await expect.poll(() => forwarded.received.length).toBe(1);
    expect(JSON.parse(forwarded.received[0]!.body)).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
    const [event] = (await stripe.events.list({ type: 'customer.created' })).data;
    expect(event?.pending_webhooks, 'the unreachable endpoint still counts as pending').toBe(1);
  });

  test('the referral platform fails deliveries and pings to a loopback endpoint as unreachable, and still reaches its merchant', async ({
    world,
  }) => {
    const { sandbox, laptop, forwarded } = world;
    const register = async (url: string) =>
      (await referralApi(sandbox.referral, 'POST', '/v1/webhook_endpoints', { body: { url, enabled_events: ['commission.created'] } }))
        .body as { id: string };
    const onLaptop = await register(laptop.url);
    const viaForwarder = await register(forwarded.url);

    // Cloud to cloud: the provider's checkout.session.completed reaches the referral platform, which makes the commission.
    await payReferredCheckout(sandbox, 'ord_cloud_posture');
    const deliveriesTo = async (endpoint: string) =>
      (await referralApi(sandbox.referral, 'GET', `/v1/deliveries?endpoint=${endpoint}&event_type=commission.created`)).body.data as any[];
    await expect
      .poll(async () => (await deliveriesTo(onLaptop.id)).map((d) => d.status), { message: 'retried to the end of the schedule' })
      .toEqual(['failed', 'pending', 'pending']);
    const logged = (await deliveriesTo(onLaptop.id)).reverse();
    expect(logged.map((d) => [d.attempt, d.response_status, d.trigger])).toEqual([
      [1, null, 'scheduled'],
      [2, null, 'scheduled'],
      [3, null, 'scheduled'],
    ]);
    for (const delivery of logged) expect(delivery.error).toMatch(UNREACHABLE);
    expect(logged[0].object_id).toMatch(/^cm_/);

    await expect.poll(async () => (await deliveriesTo(viaForwarder.id)).map((d) => d.status)).toEqual(['success']);
    const shopEndpoint = (await referralApi(sandbox.referral, 'GET', '/v1/webhook_endpoints?metadata[owner]=demo-shop')).body.data[0];
    await expect
      .poll(async () => (await deliveriesTo(shopEndpoint.id)).map((d) => [d.status, d.response_status]))
      .toEqual([['success', 204]]);

    const ping = (await referralApi(sandbox.referral, 'POST', `/v1/webhook_endpoints/${onLaptop.id}/ping`)).body;
    await expect
      .poll(async () => (await referralApi(sandbox.referral, 'GET', `/v1/deliveries?message_id=${ping.id}`)).body.data)
      .toEqual([
        expect.objectContaining({
          trigger: 'ping',
          attempt: 1,
          status: 'failed',
          response_status: null,
          error: expect.stringMatching(UNREACHABLE),
        }),
      ]);
    expect(laptop.received, 'the loopback receiver got no request').toEqual([]);
    expect(forwarded.received.map((r) => JSON.parse(r.body).type)).toEqual(['commission.created']);
  });
});
