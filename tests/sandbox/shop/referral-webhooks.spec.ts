import { test as base, expect } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { payReferredCheckout, providerSdk, referralApi } from '../support/referredCheckout';

/** Retries short enough to watch the whole schedule. */
const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

const test = base.extend<{ sandbox: RunningSandbox }>({
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0, injection: null, webhookRetry: FAST });
    await use(sandbox);
    await sandbox.stop();
  },
});

/** The demo shop's own endpoint at the referral platform. */
async function shopEndpoint(sandbox: RunningSandbox): Promise<any> {
  const listed = (await referralApi(sandbox.referral, 'GET', '/v1/webhook_endpoints?metadata[owner]=demo-shop')).body.data;
  expect(listed).toHaveLength(1);
  return listed[0];
}

async function deliveriesTo(sandbox: RunningSandbox, endpoint: string, query = ''): Promise<any[]> {
  return (await referralApi(sandbox.referral, 'GET', `/v1/deliveries?endpoint=${endpoint}&limit=100${query}`)).body.data;
}

async function ledger(sandbox: RunningSandbox): Promise<{ messages: any[]; commissions: any[] }> {
  const response = await fetch(`${sandbox.shop.url}/api/referral-ledger`, {
    headers: { authorization: `Bearer ${sandbox.shop.adminKey}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { messages: any[]; commissions: any[] };
}

test.describe("the demo shop's own referral webhook endpoint", () => {
  test("is registered at start-up for the commission events, as the merchant's (not the harness's)", async ({ sandbox }) => {
    const endpoint = await shopEndpoint(sandbox);
    expect(endpoint).toMatchObject({
      url: `${sandbox.shop.url}/webhooks/referral`,
      status: 'enabled',
      enabled_events: ['conversion.created', 'commission.created', 'commission.refunded'],
      metadata: { owner: 'demo-shop' },
    });
    expect(endpoint.metadata).not.toHaveProperty('created_by');
    expect(endpoint).not.toHaveProperty('secret');
  });

  test("receives the commission events, answers 204 and keeps each commission's latest state, shown to the admin", async ({ sandbox }) => {
    const endpoint = await shopEndpoint(sandbox);
    const session = await payReferredCheckout(sandbox, 'ord_shop_ledger');

    await expect
      .poll(async () => (await deliveriesTo(sandbox, endpoint.id)).map((d) => [d.event_type, d.status, d.response_status]).sort())
      .toEqual([
        ['commission.created', 'success', 204],
        ['conversion.created', 'success', 204],
      ]);
    const [commission] = (await referralApi(sandbox.referral, 'GET', '/v1/commissions?metadata[order_id]=ord_shop_ledger')).body.data;
    expect((await ledger(sandbox)).commissions).toEqual([
      expect.objectContaining({ id: commission.id, partner: 'ptn_alice', amount: 400, currency: 'usd', status: 'pending' }),
    ]);

    await providerSdk(sandbox.provider).refunds.create({ payment_intent: String(session.payment_intent) });

    await expect
      .poll(async () => (await deliveriesTo(sandbox, endpoint.id, '&event_type=commission.refunded')).map((d) => [d.status, d.object_id]))
      .toEqual([['success', commission.id]]);
    const after = await ledger(sandbox);
    expect(after.commissions).toEqual([expect.objectContaining({ id: commission.id, amount: 0, status: 'refunded' })]);
    expect(after.messages.map((m) => m.type).sort()).toEqual(['commission.created', 'commission.refunded', 'conversion.created']);

    const signIn = await fetch(`${sandbox.shop.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ admin_key: sandbox.shop.adminKey }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await (await fetch(`${sandbox.shop.url}/admin/orders`, { headers: { cookie } })).text();
    expect(page).toMatch(
      new RegExp(`data-testid="partner-commission-row-${commission.id}">[\\s\\S]*?ptn_alice[\\s\\S]*?\\$0\\.00[\\s\\S]*?refunded`),
    );
  });

  test('answers 204 to a ping and 400 to a delivery whose signature does not verify', async ({ sandbox }) => {
    const endpoint = await shopEndpoint(sandbox);
    const ping = (await referralApi(sandbox.referral, 'POST', `/v1/webhook_endpoints/${endpoint.id}/ping`)).body;
    await expect
      .poll(async () =>
        (await deliveriesTo(sandbox, endpoint.id, `&message_id=${ping.id}`)).map((d) => [d.trigger, d.status, d.response_status]),
      )
      .toEqual([['ping', 'success', 204]]);
    expect((await ledger(sandbox)).messages).toEqual([expect.objectContaining({ id: ping.id, type: 'ping', objectId: null })]);

    const body = JSON.stringify({
      id: 'msg_forged',
      type: 'commission.created',
      timestamp: new Date().toISOString(),
      data: { id: 'cm_forged', amount: 1 },
    });
    const forger = new Webhook(`whsec_${Buffer.from('not the shop secret').toString('base64')}`);
    const now = new Date();
    const forged = await fetch(`${sandbox.shop.url}/webhooks/referral`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': forger.sign('msg_forged', now, body),
      },
      body,
    });
    expect(forged.status).toBe(400);
    const unsigned = await fetch(`${sandbox.shop.url}/webhooks/referral`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(400);
    expect((await ledger(sandbox)).commissions).toEqual([]);
  });

  test('with shop.referral-webhook-fails it answers 503 and the delivery log shows every attempt failed', async ({ sandbox }) => {
    sandbox.faults.enable('shop.referral-webhook-fails');
    const endpoint = await shopEndpoint(sandbox);
    await payReferredCheckout(sandbox, 'ord_shop_fails');

    const commissionAttempts = async () => (await deliveriesTo(sandbox, endpoint.id, '&event_type=commission.created')).reverse();
    await expect
      .poll(async () => (await commissionAttempts()).map((d) => d.status), { message: 'retried to the end of the schedule' })
      .toEqual(['pending', 'pending', 'failed']);
    expect((await commissionAttempts()).map((d) => [d.attempt, d.response_status, d.error])).toEqual([
      [1, 503, null],
      [2, 503, null],
      [3, 503, null],
    ]);
    expect((await ledger(sandbox)).messages).toEqual([]);
  });
});
