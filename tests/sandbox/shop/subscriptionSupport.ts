import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, type ShopUnderTest } from './shopUnderTest';

/** Fills the provider's hosted payment page in the browser and submits it. */
export async function fillAndSubmitHostedPage(page: Page, cardNumber = '4242424242424242'): Promise<void> {
  const email = page.locator('input[name=email]');
  if ((await email.isVisible()) && (await email.inputValue()) === '') await email.fill('ada@example.test');
  await page.locator('input[name=cardNumber]').fill(cardNumber);
  await page.locator('input[name=cardExpiry]').fill('12 / 34');
  await page.locator('input[name=cardCvc]').fill('123');
  await page.locator('input[name=billingName]').fill('Ada Lovelace');
  const postalCode = page.locator('input[name=billingPostalCode]');
  if (await postalCode.isVisible()) await postalCode.fill('10001');
  await page.locator('[data-testid=hosted-payment-submit-button]').click();
}

/** From the pricing page to the provider's payment page for the plan; returns the checkout session id. */
export async function startSubscription(page: Page, shop: ShopUnderTest, email = 'ada@example.test'): Promise<string> {
  await page.goto(`${shop.url}/pricing`);
  await expect(page.getByTestId('plan-card-club')).toBeVisible();
  await page.getByTestId('email').fill(email);
  await Promise.all([page.waitForURL(`${shop.providerUrl}/c/pay/**`), page.getByTestId('subscribe-button').click()]);
  return /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(page.url())![1]!;
}

/** Subscribes in the browser with 4242…; ends on the shop's success page and returns the subscription id. */
export async function subscribeInBrowser(
  page: Page,
  shop: ShopUnderTest,
  email = 'ada@example.test',
): Promise<{ subscriptionId: string; sessionId: string }> {
  const sessionId = await startSubscription(page, shop, email);
  await Promise.all([page.waitForURL(`${shop.url}/success**`), fillAndSubmitHostedPage(page)]);
  await expect(page.getByTestId('subscription-id')).toBeVisible();
  const subscriptionId = ((await page.getByTestId('subscription-id').textContent()) ?? '').trim();
  return { subscriptionId, sessionId };
}

/** Reloads the account page until the subscription shows `status` (webhooks are asynchronous). */
export async function expectAccountStatus(page: Page, shop: ShopUnderTest, subscriptionId: string, status: string): Promise<void> {
  await expect(async () => {
    await page.goto(`${shop.url}/account`);
    await expect(page.getByTestId(`subscription-status-${subscriptionId}`)).toHaveText(status, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
}

/** The shop's webhook endpoint at the provider. */
export async function shopWebhookEndpoint(shop: ShopUnderTest) {
  const endpoints = await shop.stripe.webhookEndpoints.list({ limit: 100 });
  const endpoint = endpoints.data.find((e) => e.url === `${shop.url}/webhooks/stripe`);
  expect(endpoint, 'the shop registered its webhook endpoint').toBeTruthy();
  return endpoint!;
}

interface HeldDelivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
  type: string;
}

/**
 * Holds the provider's deliveries to the shop: the shop's endpoint is pointed at a local receiver that
 * acknowledges and keeps them; `release()` forwards them, byte for byte with their signatures, to the shop
 * and points the endpoint back. So a test can look at the shop before and after the webhook arrives.
 */
export async function holdShopWebhooks(shop: ShopUnderTest) {
  const held: HeldDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      let type = '';
      try {
        type = (JSON.parse(body.toString('utf8')) as { type?: string }).type ?? '';
      } catch {
        // kept as it came
      }
      held.push({ headers: request.headers, body, type });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const holdUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/held`;
  const endpoint = await shopWebhookEndpoint(shop);
  await shop.stripe.webhookEndpoints.update(endpoint.id, { url: holdUrl });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    held,
    heldTypes: () => held.map((d) => d.type),
    async release(): Promise<number[]> {
      await shop.stripe.webhookEndpoints.update(endpoint.id, { url: `${shop.url}/webhooks/stripe` });
      const statuses: number[] = [];
      for (const delivery of held.splice(0)) {
        const response = await fetch(`${shop.url}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': String(delivery.headers['content-type'] ?? 'application/json'),
            'stripe-signature': String(delivery.headers['stripe-signature'] ?? ''),
          },
          body: new Uint8Array(delivery.body),
        });
        statuses.push(response.status);
      }
      await close();
      return statuses;
    },
    close,
  };
}

/** The provider's events of `type` about `objectId`, with how many deliveries are still pending. */
export async function eventsAbout(shop: ShopUnderTest, type: string, objectId: string) {
  const events = await shop.stripe.events.list({ type, limit: 100 });
  return events.data.filter((event) => (event.data.object as { id?: string }).id === objectId);
}
