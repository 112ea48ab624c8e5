import Stripe from 'stripe';
import { FaultSwitches } from '../../../sandbox/faults';
import { startProvider } from '../../../sandbox/provider/index';
import { startShop } from '../../../sandbox/shop/index';
import { expect, REFERRAL_PUBLISHABLE_KEY, REFERRAL_URL, test } from './shopUnderTest';
import { eventsAbout, expectAccountStatus, holdShopWebhooks, subscribeInBrowser } from './subscriptionSupport';

test.describe('demo shop subscriptions', () => {
  test('subscribes and shows the subscription on the account page', async ({ shop, page }) => {
    const { subscriptionId, sessionId } = await subscribeInBrowser(page, shop, 'club@example.test');
    await expect(page.getByTestId('subscription-status')).toHaveText('active');

    const session = await shop.stripe.checkout.sessions.retrieve(sessionId);
    expect(session.mode).toBe('subscription');
    expect(session.subscription).toBe(subscriptionId);
    const orderId = session.metadata?.order_id;
    expect(orderId).toMatch(/^ord_/);
    const subscription = await shop.stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription.metadata).toMatchObject({ order_id: orderId });
    expect(subscription.items.data[0]?.price.lookup_key).toBe('demo_club_monthly');
    expect(subscription.items.data[0]?.price.unit_amount).toBe(1500);
    const customer = (await shop.stripe.customers.retrieve(session.customer as string)) as Stripe.Customer;
    expect(customer.email).toBe('club@example.test');

    const cookie = (await page.context().cookies(shop.url)).find((c) => c.name === 'shop_customer_session');
    expect(cookie?.httpOnly, 'the customer session cookie is httpOnly').toBe(true);
    expect(cookie?.value).not.toContain(customer.id);

    await expectAccountStatus(page, shop, subscriptionId, 'active');
    await expect(page.getByTestId(`subscription-row-${subscriptionId}`)).toBeVisible();
    await expect(page.getByTestId(`cancel-now-${subscriptionId}`)).toBeVisible();
    await expect(page.getByTestId(`cancel-at-period-end-${subscriptionId}`)).toBeVisible();

    // Another browser (no cookie) sees no subscriptions.
    const signedOut = await fetch(`${shop.url}/account`);
    expect(await signedOut.text()).not.toContain(subscriptionId);
  });

  test('shows the cancellation only once the webhook arrives', async ({ shop, page }) => {
    const { subscriptionId } = await subscribeInBrowser(page, shop);
    await expectAccountStatus(page, shop, subscriptionId, 'active');

    const hold = await holdShopWebhooks(shop);
    try {
      await page.getByTestId(`cancel-now-${subscriptionId}`).click();
      await expect(page.getByTestId('account-notice')).toBeVisible();
      expect((await shop.stripe.subscriptions.retrieve(subscriptionId)).status, 'the provider canceled it').toBe('canceled');
      await expect
        .poll(() => hold.heldTypes(), { message: 'the provider sent customer.subscription.deleted' })
        .toContain('customer.subscription.deleted');
      await page.reload();
      await expect(page.getByTestId(`subscription-status-${subscriptionId}`), 'no webhook yet: still the shop’s record').toHaveText(
        'active',
      );

      const statuses = await hold.release();
      expect(statuses.every((s) => s === 200)).toBe(true);
    } finally {
      await hold.close().catch(() => undefined);
    }
    await expectAccountStatus(page, shop, subscriptionId, 'canceled');
    await expect(page.getByTestId(`cancel-now-${subscriptionId}`)).toHaveCount(0);
  });

  test('shows canceling at period end once the update arrives', async ({ shop, page }) => {
    const { subscriptionId } = await subscribeInBrowser(page, shop);
    await expectAccountStatus(page, shop, subscriptionId, 'active');
    await page.getByTestId(`cancel-at-period-end-${subscriptionId}`).click();
    expect((await shop.stripe.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(true);
    await expectAccountStatus(page, shop, subscriptionId, 'canceling at period end');
    await expect(page.getByTestId(`cancel-at-period-end-${subscriptionId}`)).toHaveCount(0);
    await expect(page.getByTestId(`cancel-now-${subscriptionId}`)).toBeVisible();
  });

  test('keeps showing active when the ignore-cancellation fault is on', async ({ shop, page }) => {
    const { subscriptionId } = await subscribeInBrowser(page, shop);
    await expectAccountStatus(page, shop, subscriptionId, 'active');
    shop.faults.enable('shop.ignore-subscription-cancellation');

    await page.getByTestId(`cancel-now-${subscriptionId}`).click();
    await expect
      .poll(async () => (await eventsAbout(shop, 'customer.subscription.deleted', subscriptionId)).map((e) => e.pending_webhooks), {
        message: 'customer.subscription.deleted was delivered to the shop',
      })
      .toEqual([0]);
    // The account page read afresh (a reload right after the cancel's own navigation could race it).
    await expectAccountStatus(page, shop, subscriptionId, 'active');
  });

  test('refuses a cancel for a subscription that is not the customer’s', async ({ shop, page, browser }) => {
    const { subscriptionId } = await subscribeInBrowser(page, shop);
    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      await subscribeInBrowser(stranger, shop, 'stranger@example.test');
      const response = await stranger.request.post(`${shop.url}/account/subscriptions/${subscriptionId}/cancel`, {
        form: { when: 'now' },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(404);
    } finally {
      await other.close();
    }
    expect((await shop.stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
  });

  test('puts the customer on the test clock the pricing link carries', async ({ shop, page }) => {
    const clock = await shop.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000), name: 'shop test' });
    const pricing = await fetch(`${shop.url}/pricing?test_clock=${clock.id}`);
    expect(pricing.status).toBe(200);
    expect(await pricing.text()).toContain(`name="test_clock" value="${clock.id}"`);

    await page.goto(`${shop.url}/pricing?test_clock=${clock.id}`);
    await page.getByTestId('email').fill('clock@example.test');
    await Promise.all([page.waitForURL(`${shop.providerUrl}/c/pay/**`), page.getByTestId('subscribe-button').click()]);
    const sessionId = /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(page.url())![1]!;
    const session = await shop.stripe.checkout.sessions.retrieve(sessionId);
    const customer = (await shop.stripe.customers.retrieve(session.customer as string)) as Stripe.Customer;
    expect(customer.test_clock).toBe(clock.id);
  });
});

test.describe('demo shop with a live key', () => {
  test('refuses the test-clock hook with a live key', async () => {
    const provider = await startProvider({ host: '127.0.0.1', port: 0, secretKey: 'sk_live_sandbox_shop_test_0000' });
    try {
      const shop = await startShop({
        port: 0,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        referralUrl: REFERRAL_URL,
        referralPublishableKey: REFERRAL_PUBLISHABLE_KEY,
        faults: new FaultSwitches(),
      });
      try {
        const hooked = await fetch(`${shop.url}/pricing?test_clock=clock_123`);
        expect(hooked.status).toBe(400);
        const hookedBody = await hooked.text();
        expect(hookedBody).not.toContain('name="test_clock"');
        expect(hookedBody).not.toContain(provider.secretKey);

        const plain = await fetch(`${shop.url}/pricing`);
        expect(plain.status).toBe(200);
        const token = /name="order_token" value="([^"]+)"/.exec(await plain.text())![1]!;
        const submitted = await fetch(`${shop.url}/subscribe`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ plan: 'club', order_token: token, email: 'live@example.test', test_clock: 'clock_123' }).toString(),
        });
        expect(submitted.status).toBe(400);
        const { hostname, port } = new URL(provider.url);
        const stripe = new Stripe(provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
        expect((await stripe.customers.list({ limit: 10 })).data, 'no customer was created').toHaveLength(0);
      } finally {
        await shop.close();
      }
    } finally {
      await provider.close();
    }
  });
});
