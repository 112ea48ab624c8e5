import { expect } from '@playwright/test';
import { FaultSwitches } from '../../../sandbox/faults';
import { startDubMerchantPage } from './support/dubMerchantPage';
import { startDubWorld, test } from './support/dubWorld';

// Dub's analytics script as the emulation serves it (sandbox/dub/analytics-script.js), in a real browser.

test.describe('Dub emulation: the analytics script', () => {
  test('?via=<key> records a click: dub_id and dub_partner_data cookies, DubAnalytics.partner, ready callbacks', async ({
    world,
    page,
  }) => {
    const shop = await startDubMerchantPage(world.dub);
    try {
      await page.addInitScript(() => {
        // A page's own `dubAnalytics('ready', …)` call, queued by the stub before the script loads.
        window.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { dubAnalytics: (method: string, fn: () => void) => void }).dubAnalytics('ready', () => {
            (window as unknown as { readyRan: boolean }).readyRan = true;
          });
        });
      });
      await page.goto(`${shop.url}/?via=alice&utm_campaign=rh-1`);
      await expect
        .poll(async () => (await page.context().cookies(shop.url)).find((c) => c.name === 'dub_id')?.value)
        .toMatch(/^[0-9A-Za-z]{16}$/);
      const cookies = await page.context().cookies(shop.url);
      const clickId = cookies.find((c) => c.name === 'dub_id')!.value;
      const partnerData = JSON.parse(cookies.find((c) => c.name === 'dub_partner_data')!.value) as {
        clickId: string;
        partner: { id: string };
      };
      expect(partnerData).toMatchObject({ clickId, partner: { id: world.dub.seed.partnerId } });
      const dubId = cookies.find((c) => c.name === 'dub_id')!;
      expect(dubId.expires - Date.now() / 1000).toBeGreaterThan(89 * 24 * 3600);
      const globals = await page.evaluate(() => {
        const w = window as unknown as {
          DubAnalytics: { partner: { id: string } };
          _dubAnalytics: { d: string; v: string; k: string };
          readyRan?: boolean;
        };
        return {
          partner: w.DubAnalytics.partner.id,
          domain: w._dubAnalytics.d,
          value: w._dubAnalytics.v,
          key: w._dubAnalytics.k,
          readyRan: w.readyRan,
        };
      });
      expect(globals).toEqual({
        partner: world.dub.seed.partnerId,
        domain: world.dub.seed.domain,
        value: 'alice',
        key: world.dub.publishableKey,
        readyRan: true,
      });
    } finally {
      await shop.close();
    }
  });

  test('data-query-param names another parameter (?ref=), via still works', async ({ world, page }) => {
    const shop = await startDubMerchantPage(world.dub, { queryParam: 'ref' });
    try {
      await page.goto(`${shop.url}/?ref=alice`);
      await expect.poll(async () => (await page.context().cookies(shop.url)).some((c) => c.name === 'dub_id')).toBe(true);
    } finally {
      await shop.close();
    }
  });

  test('?dub_id=<click> (a short link redirect) sets the cookie without a call', async ({ world, page }) => {
    const shop = await startDubMerchantPage(world.dub);
    try {
      await page.goto(`${shop.url}/?dub_id=abcdefgh12345678`);
      await expect
        .poll(async () => (await page.context().cookies(shop.url)).find((c) => c.name === 'dub_id')?.value)
        .toBe('abcdefgh12345678');
    } finally {
      await shop.close();
    }
  });

  test('fault dub.hostname-not-allowed: the click is refused, no cookie', async ({ page }) => {
    const world = await startDubWorld({ faults: new FaultSwitches(['dub.hostname-not-allowed']) });
    const shop = await startDubMerchantPage(world.dub);
    try {
      const refused = page.waitForResponse((response) => response.url().endsWith('/track/click') && response.request().method() === 'POST');
      await page.goto(`${shop.url}/?via=alice`);
      expect((await refused).status()).toBe(403);
      await page.waitForTimeout(200);
      expect((await page.context().cookies(shop.url)).map((c) => c.name)).not.toContain('dub_id');
    } finally {
      await shop.close();
      await world.stop();
    }
  });
});
