import { expect } from '@playwright/test';
import { FaultSwitches } from '../../../sandbox/faults';
import { clickId, dubGet, startDubWorld, test, trackClick } from './support/dubWorld';

// The emulated Dub API's raw routes (sandbox/dub/routes/): auth, errors, rate limits, tracking and lists.

test.describe('Dub emulation: authentication and errors', () => {
  test('answers as withWorkspace does: missing, misconfigured and wrong keys', async ({ world }) => {
    const { dub } = world;
    const missing = await fetch(`${dub.url}/partners`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: 'Missing Authorization header.',
        doc_url: 'https://dub.co/docs/api-reference/errors#unauthorized',
      },
    });
    const misconfigured = await fetch(`${dub.url}/partners`, { headers: { authorization: dub.secretKey } });
    expect(misconfigured.status).toBe(400);
    expect(((await misconfigured.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const wrong = await fetch(`${dub.url}/partners`, { headers: { authorization: 'Bearer dub_not_the_key' } });
    expect(wrong.status).toBe(401);
    const wrongBody = await wrong.text();
    expect(wrongBody).toContain('Unauthorized: Invalid API key.');
    expect(wrongBody).not.toContain('dub_not_the_key');
    const ok = await dubGet(dub, '/partners');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('600');
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBeLessThan(600);
    expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  test('an unknown route is not_found, with the doc_url Dub builds', async ({ world }) => {
    const { status, body } = await dubGet<{ error: { code: string; doc_url: string } }>(world.dub, '/programs/prog_demo');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.doc_url).toBe('https://dub.co/docs/api-reference/errors#not-found');
  });

  test('the analytics API is limited to 2 requests a second (Pro): 429 rate_limit_exceeded with Retry-After', async ({ world }) => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => dubGet<{ error?: { code: string; doc_url: string } }>(world.dub, '/events?event=clicks')),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    const [first] = limited;
    expect(first!.body.error?.code).toBe('rate_limit_exceeded');
    expect(first!.body.error?.doc_url).toBe('https://dub.co/docs/api-reference/errors#rate-limit_exceeded');
    expect(Number(first!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(first!.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first!.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

test.describe('Dub emulation: POST /track/click', () => {
  test('records a click on the partner link and names the partner', async ({ world }) => {
    const response = await trackClick(world.dub);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { clickId: string; partner: { id: string; name: string }; discount: null };
    expect(body.clickId).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(body.partner).toMatchObject({ id: world.dub.seed.partnerId, name: 'Alice' });
    expect(body.discount).toBeNull();
  });

  test('an unknown link key is not_found', async ({ world }) => {
    const response = await trackClick(world.dub, { key: 'nobody' });
    expect(response.status).toBe(404);
  });

  test('a page host missing from Allowed Hostnames is refused: forbidden, no click', async () => {
    const world = await startDubWorld({ allowedHostnames: ['shop.example.com'] });
    try {
      const response = await trackClick(world.dub);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining("Request origin '127.0.0.1' is not included in the allowed hostnames") as unknown,
      });
      // A subdomain wildcard allows proper subdomains only.
      const wildcard = await startDubWorld({ allowedHostnames: ['*.example.com'] });
      try {
        expect((await trackClick(wildcard.dub, { pageOrigin: 'https://www.shop.example.com' })).status).toBe(200);
        expect((await trackClick(wildcard.dub, { pageOrigin: 'https://example.com' })).status).toBe(403);
      } finally {
        await wildcard.stop();
      }
    } finally {
      await world.stop();
    }
  });

  test('fault dub.hostname-not-allowed: the local shop host is refused', async () => {
    const world = await startDubWorld({ faults: new FaultSwitches(['dub.hostname-not-allowed']) });
    try {
      expect((await trackClick(world.dub)).status).toBe(403);
    } finally {
      await world.stop();
    }
  });
});

test.describe('Dub emulation: partners, leads, sales, commissions', () => {
  test('lists the seeded partner with its link, and enrolls a new one', async ({ world }) => {
    const { dub } = world;
    const partners = await dubGet<{ id: string; links: { key: string }[] }[]>(dub, '/partners');
    expect(partners.body).toEqual([
      expect.objectContaining({
        id: dub.seed.partnerId,
        programId: dub.seed.programId,
        links: [expect.objectContaining({ key: 'alice' })],
      }),
    ]);
    const created = await fetch(`${dub.url}/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob@example.test', name: 'Bob', username: 'bob', tenantId: 'user_bob' }),
    });
    expect(created.status).toBe(200);
    const bob = (await created.json()) as { id: string };
    expect(bob.id).toMatch(/^pn_/);
    expect((await dubGet<unknown[]>(dub, '/partners?tenantId=user_bob')).body).toHaveLength(1);
    const links = await dubGet<{ key: string; partnerId: string }[]>(dub, `/partners/links?partnerId=${bob.id}`);
    expect(links.body).toEqual([expect.objectContaining({ key: 'bob', partnerId: bob.id })]);
    expect((await dubGet(dub, '/partners?pageSize=101')).status).toBe(422);
  });

  test('track/lead then track/sale: one sale and one 20 % commission per invoiceId', async ({ world }) => {
    const { dub } = world;
    const click = await clickId(dub);
    const post = (path: string, body: unknown) =>
      fetch(`${dub.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const lead = await post('/track/lead', {
      clickId: click,
      eventName: 'Sign up',
      customerExternalId: 'user_123',
      customerEmail: 'buyer@example.test',
    });
    expect(lead.status).toBe(200);
    expect(await lead.json()).toMatchObject({ click: { id: click }, customer: { externalId: 'user_123' } });
    const sale = { customerExternalId: 'user_123', amount: 2000, currency: 'usd', paymentProcessor: 'custom', invoiceId: 'ord_1' };
    const first = await (await post('/track/sale', sale)).json();
    const again = await (await post('/track/sale', sale)).json();
    expect(again).toEqual(first);
    const commissions = await dubGet<
      { id: string; amount: number; earnings: number; status: string; invoiceId: string; partner: { id: string } }[]
    >(dub, '/commissions?invoiceId=ord_1');
    expect(commissions.body).toEqual([
      expect.objectContaining({
        amount: 2000,
        earnings: 400,
        status: 'pending',
        invoiceId: 'ord_1',
        partner: expect.objectContaining({ id: dub.seed.partnerId }) as unknown,
      }),
    ]);

    const id = commissions.body[0]!.id;
    const patch = (body: unknown) =>
      fetch(`${dub.url}/commissions/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await patch({ status: 'paid' })).status).toBe(422);
    const refunded = await patch({ status: 'refunded' });
    expect(refunded.status).toBe(200);
    expect(await refunded.json()).toMatchObject({ id, status: 'refunded' });
    expect((await dubGet<unknown[]>(dub, '/commissions?status=refunded')).body).toHaveLength(1);
    const sales = await dubGet<{ eventId: string; sale: { invoiceId: string; amount: number }; customer: { externalId: string } }[]>(
      dub,
      '/events?event=sales',
    );
    expect(sales.body).toEqual([
      expect.objectContaining({
        sale: expect.objectContaining({ invoiceId: 'ord_1', amount: 2000 }) as unknown,
        customer: expect.objectContaining({ externalId: 'user_123' }) as unknown,
      }),
    ]);
  });

  test('commissions page by cursor', async ({ world }) => {
    const { dub } = world;
    const click = await clickId(dub);
    const post = (path: string, body: unknown) =>
      fetch(`${dub.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/track/lead', { clickId: click, eventName: 'Sign up', customerExternalId: 'user_9' });
    for (const invoiceId of ['ord_a', 'ord_b', 'ord_c'])
      await post('/track/sale', { customerExternalId: 'user_9', amount: 1000, invoiceId });
    const all = (await dubGet<{ id: string; invoiceId: string }[]>(dub, '/commissions')).body;
    expect(all.map((c) => c.invoiceId)).toEqual(['ord_c', 'ord_b', 'ord_a']);
    const after = (await dubGet<{ id: string }[]>(dub, `/commissions?startingAfter=${all[0]!.id}&pageSize=1`)).body;
    expect(after.map((c) => c.id)).toEqual([all[1]!.id]);
    expect((await dubGet(dub, `/commissions?startingAfter=${all[0]!.id}&endingBefore=${all[2]!.id}`)).status).toBe(422);
  });
});

test.describe('Dub emulation: the sale reward', () => {
  async function twoSales(overrides: Parameters<typeof startDubWorld>[0]): Promise<number[]> {
    const world = await startDubWorld(overrides);
    try {
      const { dub } = world;
      const post = (path: string, body: unknown) =>
        fetch(`${dub.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await post('/track/lead', { clickId: await clickId(dub), eventName: 'Sign up', customerExternalId: 'user_r' });
      for (const invoiceId of ['in_first', 'in_second'])
        await post('/track/sale', { customerExternalId: 'user_r', amount: 1499, invoiceId });
      return (await dubGet<{ earnings: number }[]>(dub, '/commissions?sortOrder=asc')).body.map((c) => c.earnings);
    } finally {
      await world.stop();
    }
  }

  test('percentage rounds (20 % of 1499 → 300), flat pays its amount, maxDuration 0 pays the first sale only', async () => {
    expect(await twoSales({})).toEqual([300, 300]);
    expect(await twoSales({ saleReward: { type: 'flat', amountInCents: 500, amountInPercentage: null } })).toEqual([500, 500]);
    expect(await twoSales({ saleReward: { maxDuration: 0 } })).toEqual([300]);
  });
});
