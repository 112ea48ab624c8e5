import { test as base, expect } from '@playwright/test';
import Stripe from 'stripe';
import { startLantern } from '../../../sandbox/lantern/server';
import { startProvider } from '../../../sandbox/provider/index';
import { sdkAddressOf } from '../../../sandbox/provider/sdkAddress';
import { SANDBOX_FAST_RETRY } from '../../../sandbox/webhookRetry';
import { CARDS, payOnHostedPage } from '../provider/support/fixtures';

export { expect };

/** The admin key the tests start the shop with (a made-up test value). */
export const ADMIN_KEY = 'lantern_admin_test_0000';

/** The events the shop's README tells a merchant to send to its endpoint. */
export const LANTERN_WEBHOOK_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'charge.refunded',
  'invoice.paid',
  'customer.subscription.updated',
  'customer.subscription.deleted',
];

export interface LanternUnderTest {
  url: string;
  /** The SDK on the same provider, to see what the shop did there. */
  stripe: Stripe;
  providerUrl: string;
  /** The provider's secret key (a secret: never print it). */
  providerSecretKey: string;
  /** The signing secret of the shop's webhook endpoint (a secret: never print it). */
  webhookSecret: string;
  webhookEndpointId: string;
}

/**
 * Lantern & Co. on a free port against its own sandbox provider, set up as its README says: the two prices with
 * their lookup keys (unless `seedPrices` is false) and a webhook endpoint at /stripe/webhook whose secret the shop
 * is started with.
 */
export const test = base.extend<{ lantern: LanternUnderTest; seedPrices: boolean }>({
  seedPrices: [true, { option: true }],
  lantern: async ({ seedPrices }, use) => {
    const provider = await startProvider({ host: '127.0.0.1', port: 0, webhookRetry: SANDBOX_FAST_RETRY });
    try {
      const stripe = new Stripe(provider.secretKey, sdkAddressOf(provider.url));
      if (seedPrices) await seedCatalogue(stripe);
      // The endpoint needs the shop's URL and the shop needs the endpoint's secret: create it first, then point it.
      const endpoint = await stripe.webhookEndpoints.create({
        url: 'http://127.0.0.1:9/stripe/webhook',
        enabled_events: LANTERN_WEBHOOK_EVENTS,
      });
      const app = await startLantern({
        stripeSecretKey: provider.secretKey,
        stripeApiBase: provider.url,
        webhookSecret: endpoint.secret!,
        adminKey: ADMIN_KEY,
        port: 0,
      });
      try {
        await stripe.webhookEndpoints.update(endpoint.id, { url: `${app.url}/stripe/webhook` });
        await use({
          url: app.url,
          stripe,
          providerUrl: provider.url,
          providerSecretKey: provider.secretKey,
          webhookSecret: endpoint.secret!,
          webhookEndpointId: endpoint.id,
        });
      } finally {
        await app.stop();
      }
    } finally {
      await provider.close();
    }
  },
});

async function seedCatalogue(stripe: Stripe): Promise<void> {
  const lantern = await stripe.products.create({
    name: 'Brass desk lantern',
    description: 'Solid brass, hand-turned, with a glass chimney.',
  });
  await stripe.prices.create({ product: lantern.id, currency: 'usd', unit_amount: 12_000, lookup_key: 'lantern_desk_lantern' });
  const club = await stripe.products.create({ name: 'Oil Club' });
  await stripe.prices.create({
    product: club.id,
    currency: 'usd',
    unit_amount: 1_200,
    recurring: { interval: 'month' },
    lookup_key: 'lantern_oil_club_monthly',
  });
}

/** Opens a page and returns its body, asserting the status. */
export async function getPage(url: string, status = 200, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  expect(res.status, `GET ${url}`).toBe(status);
  return body;
}

/** The hidden field's value in a page's form. */
export function hiddenField(html: string, name: string): string {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
  expect(value, `the page's form has a hidden ${name}`).toBeTruthy();
  return value!;
}

/** The text of the `<output id="…">` a page labels (Order, Payment, Status…). */
export function outputText(html: string, id: string): string | undefined {
  return new RegExp(`<output id="${id}">([^<]*)</output>`).exec(html)?.[1];
}

/** Submits a form as a browser does, without following the redirect. */
export function submitForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The Checkout Session id in a redirect to the provider's hosted payment page. */
export function sessionIdOf(response: Response): string {
  expect(response.status, 'the form answers with a redirect').toBe(303);
  const location = response.headers.get('location') ?? '';
  const id = /\/c\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(location)?.[1];
  expect(id, `${location} is the provider's hosted payment page`).toBeTruthy();
  return id!;
}

/** Pays the session on the hosted page with 4242… and returns where Checkout sends the browser back to. */
export async function payOnCheckout(lantern: LanternUnderTest, sessionId: string): Promise<string> {
  const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
  const result = await payOnHostedPage(session, CARDS.visa);
  expect(result.status, `the hosted page accepts the card: ${result.body.slice(0, 200)}`).toBe(303);
  return result.location ?? '';
}

/** Buys the lantern from a fresh home page; returns the paid session's id and the order id. */
export async function buyLantern(lantern: LanternUnderTest): Promise<{ sessionId: string; orderId: string; thanksUrl: string }> {
  const token = hiddenField(await getPage(`${lantern.url}/`), 'order_token');
  const sessionId = sessionIdOf(await submitForm(`${lantern.url}/buy`, { order_token: token }));
  const thanksUrl = await payOnCheckout(lantern, sessionId);
  const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
  return { sessionId, orderId: session.client_reference_id!, thanksUrl };
}

/** The provider's deliveries to the shop's webhook endpoint (the sandbox's GET /_sandbox/webhook_attempts). */
export async function deliveriesToShop(lantern: LanternUnderTest): Promise<{ event_type: string; response_status: number | null }[]> {
  const res = await fetch(`${lantern.providerUrl}/_sandbox/webhook_attempts?endpoint=${lantern.webhookEndpointId}`, {
    headers: { authorization: `Bearer ${lantern.providerSecretKey}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { event_type: string; response_status: number | null }[] }).data;
}
