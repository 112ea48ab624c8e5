import type { Page } from '@playwright/test';
import { test, expect } from './support/rewardfulWorld';
import { startRewardfulMerchantPage } from './support/merchantPage';

async function readyReferral(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as { readyCalls: number }).readyCalls === 1);
  return page.evaluate(() => (window as unknown as { readyReferral: string }).readyReferral);
}

test.describe('Rewardful emulation: the rw.js tracking script', () => {
  test('?via=<token> records a visitor, sets Rewardful.referral and the rewardful.referral cookie', async ({ startWorld, page }) => {
    const world = await startWorld();
    const merchant = await startRewardfulMerchantPage(world.rewardful.scriptUrl, world.rewardful.publishableKey);
    try {
      await page.goto(`${merchant.url}/products/tshirt?via=alice&utm_campaign=run-1`);
      const referral = await readyReferral(page);
      expect(referral).toMatch(/^[0-9a-f-]{36}$/);
      const [listed] = (await world.get('/v1/referrals')).body.data;
      expect(listed).toMatchObject({ id: referral, conversion_state: 'visitor', visits: 1, link: { token: 'alice' } });

      const cookie = (await page.context().cookies(merchant.url)).find((c) => c.name === 'rewardful.referral');
      expect(JSON.parse(decodeURIComponent(cookie!.value))).toMatchObject({ id: referral, affiliate: { token: 'alice' } });
      const days = (cookie!.expires - Date.now() / 1000) / 86_400;
      expect(days).toBeGreaterThan(59);

      // Back on another page without ?via: the same referral, from the cookie, and no new visit recorded.
      await page.goto(`${merchant.url}/pricing`);
      expect(await readyReferral(page)).toBe(referral);
      expect((await world.get('/v1/referrals')).body.pagination.total_count).toBe(1);
    } finally {
      await merchant.close();
    }
  });

  test("a page opened without a referral link is ready with Rewardful.referral ''", async ({ startWorld, page }) => {
    const world = await startWorld();
    const merchant = await startRewardfulMerchantPage(world.rewardful.scriptUrl, world.rewardful.publishableKey);
    try {
      await page.goto(`${merchant.url}/`);
      expect(await readyReferral(page)).toBe('');
    } finally {
      await merchant.close();
    }
  });

  test('a data-rewardful that is not the public API key tracks nothing', async ({ startWorld, page }) => {
    const world = await startWorld();
    const merchant = await startRewardfulMerchantPage(world.rewardful.scriptUrl, 'other-account-0000');
    try {
      await page.goto(`${merchant.url}/?via=alice`);
      expect(await readyReferral(page)).toBe('');
      expect((await page.context().cookies(merchant.url)).map((c) => c.name)).not.toContain('rewardful.referral');
      expect((await world.get('/v1/referrals')).body.data).toEqual([]);
    } finally {
      await merchant.close();
    }
  });
});
