import { test, expect, type Platform } from './support/fixtures';
import { checkoutCompleted, deliverProviderEvent } from './support/providerEvents';

async function sale(platform: Platform, partner: string, orderId: string): Promise<string> {
  const click = (await platform.click(partner)).body;
  await deliverProviderEvent(
    platform.url,
    checkoutCompleted({ clickId: click.id, metadata: { referral_click_id: click.id, order_id: orderId } }),
    platform.provider.webhookSecret,
  );
  return click.id;
}

test.describe('referral platform: lists, filters and errors', () => {
  test('filters conversions by metadata', async ({ lab }) => {
    const platform = await lab.start();
    await sale(platform, 'alice', 'ord_1');
    const clickTwo = await sale(platform, 'bob', 'ord_2');

    const found = (await platform.api('GET', '/v1/conversions?metadata[order_id]=ord_2')).body;
    expect(found).toMatchObject({ object: 'list', has_more: false, url: '/v1/conversions' });
    expect(found.data.map((c: { click: string }) => c.click)).toEqual([clickTwo]);
    const both = (await platform.api('GET', `/v1/conversions?metadata[order_id]=ord_2&metadata[referral_click_id]=${clickTwo}`)).body.data;
    expect(both).toHaveLength(1);
    const none = (await platform.api('GET', '/v1/conversions?metadata[order_id]=ord_3')).body.data;
    expect(none).toEqual([]);
    const commissions = (await platform.api('GET', '/v1/commissions?metadata[order_id]=ord_1&partner=ptn_alice&status=pending')).body.data;
    expect(commissions).toHaveLength(1);
  });

  test('pages newest first with limit and starting_after', async ({ lab }) => {
    const platform = await lab.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await platform.click('alice')).body.id);
    const newestFirst = [...ids].reverse();

    const first = (await platform.api('GET', '/v1/clicks?limit=2')).body;
    expect(first.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.has_more).toBe(true);
    const second = (await platform.api('GET', `/v1/clicks?limit=2&starting_after=${newestFirst[1]}`)).body;
    expect(second.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(2, 4));
    const last = (await platform.api('GET', `/v1/clicks?limit=2&starting_after=${newestFirst[3]}`)).body;
    expect(last).toMatchObject({ has_more: false });
    expect(last.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(4));
    const before = (await platform.api('GET', `/v1/clicks?limit=2&ending_before=${newestFirst[4]}`)).body;
    expect(before.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(2, 4));
  });

  test('filters by created ranges', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const at = click.created;
    const count = async (query: string) => (await platform.api('GET', `/v1/clicks?${query}`)).body.data.length;
    expect(await count(`created[gte]=${at}`)).toBe(1);
    expect(await count(`created[gt]=${at}`)).toBe(0);
    expect(await count(`created[lte]=${at}&created[gte]=${at - 10}`)).toBe(1);
    expect(await count(`created[lt]=${at}`)).toBe(0);
    expect(await count(`created=${at}`)).toBe(1);
  });

  test('filters clicks by partner key or id and conversions by click, partner and source', async ({ lab }) => {
    const platform = await lab.start();
    const aliceClick = await sale(platform, 'alice', 'ord_a');
    await sale(platform, 'bob', 'ord_b');
    expect((await platform.api('GET', '/v1/clicks?partner=alice')).body.data.map((c: { id: string }) => c.id)).toEqual([aliceClick]);
    expect((await platform.api('GET', '/v1/clicks?partner=ptn_bob')).body.data).toHaveLength(1);
    const [conversion] = (await platform.api('GET', `/v1/conversions?click=${aliceClick}`)).body.data;
    expect(conversion.partner).toBe('ptn_alice');
    expect((await platform.api('GET', `/v1/conversions?source_id=${conversion.source.id}`)).body.data).toHaveLength(1);
    expect((await platform.api('GET', '/v1/conversions?partner=ptn_bob')).body.data).toHaveLength(1);
  });

  test('rejects unknown parameters and bad limits with a Stripe-shaped error', async ({ lab }) => {
    const platform = await lab.start();
    const typo = await platform.api('GET', '/v1/conversions?partnr=alice');
    expect(typo.status).toBe(400);
    expect(typo.body).toEqual({
      error: { type: 'invalid_request_error', code: 'parameter_unknown', message: expect.any(String), param: 'partnr' },
    });
    expect((await platform.api('GET', '/v1/clicks?limit=101')).body.error.param).toBe('limit');
    expect((await platform.api('GET', '/v1/clicks?created[since]=1')).status).toBe(400);
    const missing = await platform.api('GET', '/v1/commissions/cm_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
  });

  test('serves the seeded program and partners', async ({ lab }) => {
    const platform = await lab.start();
    const program = (await platform.api('GET', '/v1/programs/prog_demo')).body;
    expect(program).toMatchObject({
      id: 'prog_demo',
      object: 'program',
      name: 'Demo partner program',
      rule: { type: 'percentage', percentage: 20 },
      currency: 'usd',
      hold_days: 30,
      cookie_window_days: 90,
      attribution: 'last_click',
    });
    const partners = (await platform.api('GET', '/v1/partners')).body.data;
    expect(partners.map((p: { id: string; key: string }) => [p.id, p.key]).sort()).toEqual([
      ['ptn_alice', 'alice'],
      ['ptn_bob', 'bob'],
    ]);
    expect((await platform.api('GET', '/v1/programs')).body.data).toHaveLength(1);
  });

  test('reports health without a key', async ({ lab }) => {
    const platform = await lab.start();
    const response = await fetch(`${platform.url}/_sandbox/health`);
    expect(await response.json()).toEqual({ ok: true });
  });
});
