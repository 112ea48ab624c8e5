import { test, expect } from './support/fixtures';

test.describe('referral platform: rate limits', () => {
  test('answers 429 with Retry-After past 300 API requests a minute from one IP', async ({ lab }) => {
    const platform = await lab.start();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await platform.api('GET', '/v1/programs')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const over = await platform.api('GET', '/v1/programs');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit' });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Clicks are limited per publishable key, separately from the API.
    expect((await platform.click('alice')).status).toBe(200);
  });

  test('answers 429 past 1,000 clicks a minute for one publishable key', async ({ lab }) => {
    test.setTimeout(60_000);
    const platform = await lab.start();
    const landing = { partner: 'alice', landing_url: 'http://127.0.0.1:9/' };
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => platform.api('POST', '/v1/clicks', landing, platform.publishableKey)),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(1000);

    const over = await platform.api('POST', '/v1/clicks', landing, platform.publishableKey);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
