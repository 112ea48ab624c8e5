import { test as base, expect, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { FaultSwitches, type FaultName } from '../../../sandbox/faults';
import { startProvider } from '../../../sandbox/provider/index';
import { startShop } from '../../../sandbox/shop/index';

/** A demo shop on a free port, with its own sandbox provider; the referral platform is not needed here. */
export interface ShopUnderTest {
  url: string;
  adminKey: string;
  /** The signing secret of the shop's webhook endpoint (a secret: never print it). */
  webhookSecret: string;
  providerUrl: string;
  /** The provider secret key the shop calls with (a secret: never print it). */
  providerSecretKey: string;
  /** The official SDK on the same provider, to look at what the shop did there. */
  stripe: Stripe;
  /** The shop's fault switches, read at request and event time: a test may switch one on midway. */
  faults: FaultSwitches;
}

export const REFERRAL_URL = 'http://127.0.0.1:9';
export const REFERRAL_PUBLISHABLE_KEY = 'pk_test_referral_for_shop_tests';

export const test = base.extend<{ shop: ShopUnderTest; shopFaults: FaultName[] }>({
  /** Faults switched on before the shop starts (`test.use({ shopFaults: [...] })`), for those read at start-up. */
  shopFaults: [[], { option: true }],
  shop: async ({ shopFaults }, use) => {
    const provider = await startProvider({ host: '127.0.0.1', port: 0 });
    const faults = new FaultSwitches(shopFaults);
    try {
      const shop = await startShop({
        port: 0,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        referralUrl: REFERRAL_URL,
        referralPublishableKey: REFERRAL_PUBLISHABLE_KEY,
        faults,
      });
      try {
        const { hostname, port } = new URL(provider.url);
        const stripe = new Stripe(provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
        await use({
          url: shop.url,
          adminKey: shop.adminKey,
          webhookSecret: shop.webhookSecret,
          providerUrl: provider.url,
          providerSecretKey: provider.secretKey,
          stripe,
          faults,
        });
      } finally {
        await shop.close();
      }
    } finally {
      await provider.close();
    }
  },
});

export { expect };

/** Opens the product page and returns the hidden order token of its form. */
export async function freshOrderToken(shopUrl: string, product = 'tshirt'): Promise<string> {
  const page = await fetch(`${shopUrl}/products/${product}`);
  expect(page.status).toBe(200);
  const token = /name="order_token" value="([^"]+)"/.exec(await page.text())?.[1];
  expect(token, 'the product form carries an order token').toBeTruthy();
  return token!;
}

/** Submits the product form as a browser would, without following the redirect. */
export async function submitCheckout(
  shopUrl: string,
  form: { token: string; email: string; clickId?: string; product?: string },
): Promise<Response> {
  return fetch(`${shopUrl}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(form.clickId ? { cookie: `referral_click_id=${form.clickId}` } : {}),
    },
    body: new URLSearchParams({ product: form.product ?? 'tshirt', order_token: form.token, email: form.email }).toString(),
  });
}

/** Places an order up to the provider's payment page; returns the session and the shop's order id. */
export async function placeOrder(
  shop: ShopUnderTest,
  email = 'ada@example.test',
  clickId?: string,
  product = 'tshirt',
): Promise<{ session: Stripe.Checkout.Session; orderId: string }> {
  const response = await submitCheckout(shop.url, { token: await freshOrderToken(shop.url, product), email, clickId, product });
  expect(response.status, 'the checkout redirects to the payment page').toBe(303);
  const location = response.headers.get('location') ?? '';
  const sessionId = /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(location)?.[1];
  expect(sessionId, `the redirect ${location} leads to a hosted checkout page`).toBeTruthy();
  const session = await shop.stripe.checkout.sessions.retrieve(sessionId!);
  const orderId = session.metadata?.order_id;
  expect(orderId, 'the session names the shop order').toBeTruthy();
  return { session, orderId: orderId! };
}

/** Pays on the provider's hosted page in the browser with the success test card; ends on the shop's success page. */
export async function payOnHostedPage(page: Page, shop: ShopUnderTest, session: Stripe.Checkout.Session): Promise<void> {
  await page.goto(session.url!);
  const email = page.locator('input[name=email]');
  if ((await email.isVisible()) && (await email.inputValue()) === '') await email.fill('ada@example.test');
  await page.locator('input[name=cardNumber]').fill('4242424242424242');
  await page.locator('input[name=cardExpiry]').fill('12 / 34');
  await page.locator('input[name=cardCvc]').fill('123');
  await page.locator('input[name=billingName]').fill('Ada Lovelace');
  const postalCode = page.locator('input[name=billingPostalCode]');
  if (await postalCode.isVisible()) await postalCode.fill('10001');
  await page.locator('[data-testid=hosted-payment-submit-button]').click();
  await page.waitForURL(`${shop.url}/success**`);
}

/**
 * Submits the hosted page's form directly and does not follow the redirect back to the shop, so only the
 * webhook can tell the shop about the payment.
 */
export async function payWithoutReturning(session: Stripe.Checkout.Session, cardNumber = '4242424242424242'): Promise<Response> {
  return fetch(session.url!, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'ada@example.test',
      cardNumber,
      cardExpiry: '12 / 34',
      cardCvc: '123',
      billingName: 'Ada Lovelace',
      billingCountry: 'US',
      billingPostalCode: '10001',
    }).toString(),
  });
}

/** The order as the shop's JSON API reports it. */
export async function orderFromApi(shop: ShopUnderTest, orderId: string): Promise<{ status: string; [key: string]: unknown }> {
  const response = await fetch(`${shop.url}/api/orders/${orderId}`, { headers: { authorization: `Bearer ${shop.adminKey}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string };
}
