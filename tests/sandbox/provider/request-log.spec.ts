import type { ProviderRequestLogEntry } from '../../../contracts/providerRequestLog';
import { test, expect, uniq, uniqueEmail, getRawJson } from './support/fixtures';

test.describe('sandbox-only request log', () => {
  test('records /v1 requests newest first, with idempotency keys and replays', async ({ stripe, provider }) => {
    const key = uniq('req-log');
    const email = uniqueEmail('reqlog');
    const first = await stripe.customers.create({ email }, { idempotencyKey: key });
    const replay = await stripe.customers.create({ email }, { idempotencyKey: key });
    expect(replay.id).toBe(first.id);
    await stripe.customers.retrieve(first.id);

    const { status, body } = await getRawJson(provider, `/_sandbox/requests?idempotency_key=${encodeURIComponent(key)}`);
    expect(status).toBe(200);
    expect(body.object).toBe('list');
    const data = body.data as ProviderRequestLogEntry[];
    expect(data).toHaveLength(2);
    expect(data.map((r) => r.idempotent_replayed)).toEqual([true, false]);
    for (const r of data) {
      expect(r).toMatchObject({ method: 'POST', path: '/v1/customers', idempotency_key: key, status: 200 });
      expect(r.id).toMatch(/^req_/);
    }

    const latest = (await getRawJson(provider, `/_sandbox/requests?path=${encodeURIComponent(`/v1/customers/${first.id}`)}&limit=1`)).body
      .data as ProviderRequestLogEntry[];
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ method: 'GET', idempotency_key: null, idempotent_replayed: false });

    // stripe-node's automatic keys (`stripe-node-retry-…`, sent on every POST) are recorded too.
    await stripe.customers.create({ email: uniqueEmail('reqlog-auto') });
    const [auto] = (await getRawJson(provider, '/_sandbox/requests?path=/v1/customers&limit=1')).body.data as ProviderRequestLogEntry[];
    expect(auto).toMatchObject({ method: 'POST', path: '/v1/customers', status: 200 });
    expect(auto!.idempotency_key).toMatch(/^stripe-node-retry-/);
    const unauth = await fetch(`${provider.url}/_sandbox/requests`);
    expect(unauth.status).toBe(401);
  });
});
