import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

test.describe('demo shop with the referral platform', () => {
  let sandbox: RunningSandbox;
  test.beforeEach(async () => {
    sandbox = await startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0 });
  });
  test.afterEach(async () => {
    await sandbox?.stop();
  });

  test("passes the snippet's click id to the checkout session", async ({ page }) => {
    await page.goto(`${sandbox.shop.url}/?via=alice`);
    await expect
      .poll(async () => (await page.context().cookies(sandbox.shop.url)).find((c) => c.name === 'referral_click_id')?.value, {
        message: 'the tracking snippet stores the click id in a first-party cookie',
      })
      .toMatch(/^clk_/);
    const clickId = (await page.context().cookies(sandbox.shop.url)).find((c) => c.name === 'referral_click_id')!.value;

    await page.goto(`${sandbox.shop.url}/products/tshirt`);
    await page.getByTestId('email').fill('referred@example.test');
    await page.getByTestId('buy-button').click();
    await page.waitForURL(`${sandbox.provider.url}/c/pay/**`);

    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    const { hostname, port } = new URL(sandbox.provider.url);
    const stripe = new Stripe(sandbox.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    expect(session.client_reference_id).toBe(clickId);
    expect(session.metadata?.referral_click_id).toBe(clickId);
    expect(session.customer_email).toBe('referred@example.test');
  });
});
