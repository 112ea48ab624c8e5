import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { startMerchantPage } from './support/merchantPage';

type SnippetOutcome = { name: string; detail: { clickId?: string; partner?: string; status?: number | null } };

/** Records the snippet's outcome event, whichever it is, before any page script runs. */
async function watchSnippet(page: Page): Promise<void> {
  await page.addInitScript(() => {
    for (const name of ['referral:click-recorded', 'referral:click-failed']) {
      document.addEventListener(name, (event) => {
        (window as unknown as { snippetOutcome: unknown }).snippetOutcome = { name, detail: (event as CustomEvent).detail };
      });
    }
  });
}

async function snippetOutcome(page: Page): Promise<SnippetOutcome> {
  const handle = await page.waitForFunction(() => (window as unknown as { snippetOutcome?: unknown }).snippetOutcome);
  return (await handle.jsonValue()) as SnippetOutcome;
}

test.describe('referral platform: clicks and the tracking snippet', () => {
  test("records a click from the snippet's request", async ({ lab, page }) => {
    const platform = await lab.start();
    const merchant = await startMerchantPage(platform.url, platform.publishableKey);
    try {
      await watchSnippet(page);
      await page.goto(`${merchant.url}/products/tshirt?via=alice&utm_campaign=run-42&utm_source=newsletter`);

      const outcome = await snippetOutcome(page);
      expect(outcome.name).toBe('referral:click-recorded');
      expect(outcome.detail.partner).toBe('alice');
      const clickId = outcome.detail.clickId!;
      expect(await page.evaluate(() => (window as unknown as { referralClickId?: string }).referralClickId)).toBe(clickId);

      const cookies = await page.context().cookies(merchant.url);
      const cookie = cookies.find((c) => c.name === 'referral_click_id');
      expect(cookie).toMatchObject({ value: clickId, domain: '127.0.0.1', path: '/', sameSite: 'Lax' });
      const days = (cookie!.expires - Date.now() / 1000) / 86_400;
      expect(days).toBeGreaterThan(89.9);
      expect(days).toBeLessThanOrEqual(90);

      const click = (await platform.api('GET', `/v1/clicks/${clickId}`)).body;
      expect(click).toMatchObject({
        object: 'click',
        partner: 'ptn_alice',
        partner_key: 'alice',
        program: 'prog_demo',
        landing_url: `${merchant.url}/products/tshirt?via=alice&utm_campaign=run-42&utm_source=newsletter`,
        metadata: { utm_campaign: 'run-42', utm_source: 'newsletter' },
      });
      expect(click.expires_at - click.created).toBe(90 * 86_400);
      const byCampaign = (await platform.api('GET', '/v1/clicks?metadata[utm_campaign]=run-42')).body.data;
      expect(byCampaign.map((c: { id: string }) => c.id)).toEqual([clickId]);
    } finally {
      await merchant.close();
    }
  });

  test('rejects a click with an unknown partner', async ({ lab, page }) => {
    const platform = await lab.start();
    const merchant = await startMerchantPage(platform.url, platform.publishableKey);
    try {
      await watchSnippet(page);
      await page.goto(`${merchant.url}/?ref=mallory`);

      const outcome = await snippetOutcome(page);
      expect(outcome).toMatchObject({ name: 'referral:click-failed', detail: { status: 404 } });
      expect((await page.context().cookies(merchant.url)).map((c) => c.name)).not.toContain('referral_click_id');
      const direct = await platform.click('mallory');
      expect(direct.status).toBe(404);
      expect(direct.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'partner' });
      expect((await platform.api('GET', '/v1/clicks')).body.data).toEqual([]);
    } finally {
      await merchant.close();
    }
  });

  test('records nothing on a page opened without a referral parameter', async ({ lab, page }) => {
    const platform = await lab.start();
    const merchant = await startMerchantPage(platform.url, platform.publishableKey);
    try {
      const clickRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/v1/clicks')) clickRequests.push(request.url());
      });
      const snippetLoaded = page.waitForResponse(`${platform.url}/snippet.js`);
      await page.goto(`${merchant.url}/products/tshirt`);
      const snippet = await snippetLoaded;
      expect(snippet.headers()['content-type']).toContain('text/javascript');
      await page.waitForLoadState('load');
      expect(clickRequests).toEqual([]);
      expect((await platform.api('GET', '/v1/clicks')).body.data).toEqual([]);
    } finally {
      await merchant.close();
    }
  });

  test('answers the CORS preflight for clicks from another origin, and only for clicks', async ({ lab }) => {
    const platform = await lab.start();
    const preflight = (path: string) =>
      fetch(`${platform.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:4242',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const clicks = await preflight('/v1/clicks');
    expect(clicks.status).toBeLessThan(300);
    expect(clicks.headers.get('access-control-allow-origin')).toBe('*');
    expect(clicks.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const secretApi = await preflight('/v1/conversions');
    expect(secretApi.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('accepts only the publishable key for clicks and only the secret key for the API', async ({ lab }) => {
    const platform = await lab.start();
    const landing = { partner: 'alice', landing_url: 'http://127.0.0.1:9/' };
    expect((await platform.api('POST', '/v1/clicks', landing, platform.apiKey)).status).toBe(401);
    expect((await platform.api('POST', '/v1/clicks', landing, 'pk_test_someone_else')).status).toBe(401);
    expect((await platform.api('POST', '/v1/clicks', landing, platform.publishableKey)).status).toBe(200);

    const withPublishable = await platform.api('GET', '/v1/clicks', undefined, platform.publishableKey);
    expect(withPublishable.status).toBe(401);
    expect(withPublishable.body.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    expect(JSON.stringify(withPublishable.body)).not.toContain(platform.publishableKey);
    const withoutKey = await fetch(`${platform.url}/v1/conversions`);
    expect(withoutKey.status).toBe(401);
    expect((await platform.api('GET', '/v1/clicks')).status).toBe(200);
  });

  test('rejects a click without a partner or with a relative landing URL', async ({ lab }) => {
    const platform = await lab.start();
    const noPartner = await platform.api('POST', '/v1/clicks', { landing_url: 'http://127.0.0.1:9/' }, platform.publishableKey);
    const relative = await platform.api('POST', '/v1/clicks', { partner: 'alice', landing_url: '/products' }, platform.publishableKey);
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.error).toMatchObject({ code: 'parameter_missing', param: 'partner' });
    expect(relative.status).toBe(400);
    expect(relative.body.error.param).toBe('landing_url');
  });
});
