import { test, expect } from './support/rewardfulWorld';

test.describe('Rewardful emulation: the REST API', () => {
  test('answers 401 {"error"} without the API Secret as the Basic username', async ({ startWorld }) => {
    const world = await startWorld();
    const wrong = await world.get('/v1/campaigns', 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'Invalid API Secret.' });
    const none = await fetch(`${world.rewardful.url}/v1/campaigns`);
    expect(none.status).toBe(401);
  });

  test('lists as {pagination, data}, 25 by default, newest first, page by page', async ({ startWorld }) => {
    const world = await startWorld();
    for (let i = 0; i < 30; i += 1) await world.visit();
    const first = await world.get('/v1/referrals');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(25);
    expect(first.body.pagination).toEqual({
      previous_page: null,
      current_page: 1,
      next_page: 2,
      count: 25,
      limit: 25,
      total_pages: 2,
      total_count: 30,
    });
    const second = await world.get('/v1/referrals?page=2&limit=25');
    expect(second.body.pagination).toMatchObject({ previous_page: 1, current_page: 2, next_page: null, count: 5 });
    const created = [...first.body.data, ...second.body.data].map((r: { created_at: string }) => r.created_at);
    expect(created).toEqual([...created].sort().reverse());
    expect((await world.get('/v1/referrals?limit=500')).body.pagination.limit).toBe(100);
  });

  test('serves the seeded campaign, affiliate and link', async ({ startWorld }) => {
    const { rewardful, get } = await startWorld();
    const campaign = await get(`/v1/campaigns/${rewardful.seed.programId}`);
    expect(campaign.body).toMatchObject({ reward_type: 'percent', commission_percent: 20, days_until_commissions_are_due: 30 });
    expect((await get('/v1/campaigns')).body.data.map((c: { id: string }) => c.id)).toEqual([rewardful.seed.programId]);

    const affiliate = await get(`/v1/affiliates/${rewardful.seed.partnerId}?expand[]=campaign`);
    expect(affiliate.body).toMatchObject({ state: 'active', campaign: { id: rewardful.seed.programId, reward_type: 'percent' } });
    expect(affiliate.body.links.map((l: { token: string }) => l.token)).toEqual([rewardful.seed.partnerKey]);
    expect(affiliate.body.links[0].url).toContain(`via=${rewardful.seed.partnerKey}`);

    const byEmail = await get(`/v1/affiliates?email=${encodeURIComponent(affiliate.body.email)}`);
    expect(byEmail.body.data.map((a: { id: string }) => a.id)).toEqual([rewardful.seed.partnerId]);
    expect((await get('/v1/affiliates?email=nobody@example.test')).body.data).toEqual([]);

    const links = await get('/v1/affiliate_links');
    expect(links.body.data.map((l: { token: string }) => l.token)).toEqual([rewardful.seed.partnerKey]);
    const missing = await get('/v1/affiliates/00000000-0000-0000-0000-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { error: 'Affiliate not found: 00000000-0000-0000-0000-000000000000' } });
  });

  test('creates an affiliate from a form-encoded body, 422 with details when invalid', async ({ startWorld }) => {
    const world = await startWorld();
    const invalid = await world.postForm('/v1/affiliates', { first_name: 'Bob' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toBe('Could not create affiliate.');
    expect(invalid.body.details).toEqual(expect.arrayContaining(["Email can't be blank", "Last name can't be blank"]));

    const created = await world.postForm('/v1/affiliates', {
      first_name: 'Bob',
      last_name: 'Builder',
      email: 'bob@example.test',
      token: 'bob',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ first_name: 'Bob', campaign: { id: world.rewardful.seed.programId } });
    expect(created.body.links.map((l: { token: string }) => l.token)).toEqual(['bob']);
    const taken = await world.postForm('/v1/affiliates', { first_name: 'B', last_name: 'B', email: 'bob2@example.test', token: 'bob' });
    expect(taken.body.details).toContain('Token has already been taken');
  });

  test('filters referrals by state, affiliate and update time', async ({ startWorld }) => {
    const world = await startWorld();
    const referral = await world.visit();
    const since = new Date(Date.now() - 60_000).toISOString();
    const visitors = await world.get(`/v1/referrals?conversion_state[]=visitor&affiliate_id=${world.rewardful.seed.partnerId}`);
    expect(visitors.body.data.map((r: { id: string }) => r.id)).toEqual([referral]);
    expect((await world.get('/v1/referrals?conversion_state=conversion')).body.data).toEqual([]);
    expect((await world.get(`/v1/referrals?updated_since=${since}`)).body.data).toHaveLength(1);
    expect((await world.get(`/v1/referrals?updated_until=${since}`)).body.data).toHaveLength(0);
    const expanded = await world.get('/v1/referrals?expand=affiliate');
    expect(expanded.body.data[0]).toMatchObject({ conversion_state: 'visitor', visits: 1, link: { token: 'alice' } });
    expect(expanded.body.data[0].affiliate.links).toHaveLength(1);
  });

  test('limits a secret to its requests per window: 429 with the RateLimit header', async ({ startWorld }) => {
    const world = await startWorld({ rateLimit: { requests: 5, windowMs: 2_000 } });
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await world.get('/v1/campaigns'));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[4]!.headers.get('ratelimit')).toMatch(/^limit=5, remaining=0, reset=\d+$/);
    expect(answers[5]!.status).toBe(429);
    expect(answers[5]!.body.error).toMatch(/rate limit/i);
    expect(answers[5]!.headers.get('ratelimit-reset')).toMatch(/^[12]$/);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await world.get('/v1/campaigns')).status).toBe(200);
  });

  test('refuses a visit whose key is not the public API key', async ({ startWorld }) => {
    const { rewardful } = await startWorld();
    const response = await fetch(`${rewardful.url}/_sandbox/rw/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'other-account-0000', token: 'alice', url: 'http://127.0.0.1:9/' }),
    });
    expect(response.status).toBe(401);
  });
});
