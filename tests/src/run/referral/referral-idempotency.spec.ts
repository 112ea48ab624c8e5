import { test, expect } from '@playwright/test';
import { FaultSwitches } from '../../../../sandbox/faults';
import { startProvider, type RunningProvider } from '../../../../sandbox/provider/index';
import { startReferral, type RunningReferral } from '../../../../sandbox/referral/index';
import { ReferralClient } from '../../../../src/run/referral/referralClient';
import { startFlakyProxy, type FlakyProxy } from '../../../resilience/support/flakyProxy';

// The real referral platform behind a proxy that loses the first answer of a request after the platform ran it.
let provider: RunningProvider;
let referral: RunningReferral;
let proxy: FlakyProxy;

test.beforeEach(async () => {
  provider = await startProvider({ port: 0 });
  referral = await startReferral({
    port: 0,
    providerUrl: provider.url,
    providerSecretKey: provider.secretKey,
    faults: new FaultSwitches(),
  });
  proxy = await startFlakyProxy(referral.url, ({ index, method }) =>
    index === 1 && method !== 'GET' ? { forward: true, answer: 'drop' } : undefined,
  );
});

test.afterEach(async () => {
  await proxy.close();
  await referral.close();
  await provider.close();
});

test('a POST whose answer is dropped creates one endpoint: the retry is answered from the Idempotency-Key', async () => {
  const client = new ReferralClient({ apiBase: proxy.url, secretKey: referral.apiKey, retry: { baseDelayMs: 10 } });
  const url = 'http://127.0.0.1:9/idempotency-hooks';
  const created = await client.createWebhookEndpoint({ url, enabled_events: ['commission.created'] });
  expect(created.secret).toMatch(/^whsec_/);
  expect(proxy.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  expect(proxy.requests[1]?.idempotencyKey).toBe(proxy.requests[0]?.idempotencyKey);

  const direct = new ReferralClient({ apiBase: referral.url, secretKey: referral.apiKey });
  const endpoints = await fetch(`${referral.url}/v1/webhook_endpoints?limit=100`, {
    headers: { authorization: `Bearer ${referral.apiKey}` },
  });
  const list = (await endpoints.json()) as { data: { id: string; url: string }[] };
  expect(list.data.filter((endpoint) => endpoint.url === url).map((endpoint) => endpoint.id)).toEqual([created.id]);
  await direct.deleteWebhookEndpoint(created.id);
});

test('a DELETE whose answer is dropped succeeds (the retry finds it gone)', async () => {
  const direct = new ReferralClient({ apiBase: referral.url, secretKey: referral.apiKey });
  const endpoint = await direct.createWebhookEndpoint({ url: 'http://127.0.0.1:9/to-delete', enabled_events: ['*'] });
  const client = new ReferralClient({ apiBase: proxy.url, secretKey: referral.apiKey, retry: { baseDelayMs: 10 } });
  await expect(client.deleteWebhookEndpoint(endpoint.id)).resolves.toBeUndefined();
  expect(proxy.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
});

test('the platform replays a key with the same body, refuses it with another, and answers a new key anew', async () => {
  const post = (key: string, body: unknown) =>
    fetch(`${referral.url}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${referral.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const body = { url: 'http://127.0.0.1:9/replayed', enabled_events: ['*'] };
  const first = await post('key-1', body);
  const again = await post('key-1', body);
  const firstBody = (await first.json()) as { id: string };
  expect(again.status).toBe(200);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(await again.json()).toEqual(firstBody);

  const other = await post('key-1', { ...body, url: 'http://127.0.0.1:9/other' });
  expect(other.status).toBe(400);
  expect(await other.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'idempotency_error' } });

  const fresh = (await (await post('key-2', body)).json()) as { id: string };
  expect(fresh.id).not.toBe(firstBody.id);
});
