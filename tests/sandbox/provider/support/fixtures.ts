import { test as base, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { startProvider } from '../../../../sandbox/provider';
import { startWebhookReceiver, type ReceiverOptions, type WebhookReceiver } from './webhookReceiver';
import type { WebhookAttempt } from '../../../../contracts/webhookAttempts';

export { expect };

export interface RunningTestProvider {
  url: string;
  port: number;
  secretKey: string;
  publishableKey: string;
}

/** Retry schedule short enough for a test to watch a retry happen. */
export const TEST_WEBHOOK_RETRY = { firstDelayMs: 100, factor: 2, maxAttempts: 4 };

export function sdkClient(provider: RunningTestProvider, key = provider.secretKey, extra: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: provider.port, protocol: 'http', ...extra });
}

export interface WebhookLab {
  /** Starts a receiver that is closed after the test. */
  listen(options?: ReceiverOptions): Promise<WebhookReceiver>;
  /** Creates a webhook endpoint at the provider that is deleted after the test. */
  endpoint(receiver: WebhookReceiver, params?: Partial<Stripe.WebhookEndpointCreateParams>): Promise<Stripe.WebhookEndpoint>;
}

type WorkerFixtures = { provider: RunningTestProvider };
type TestFixtures = { stripe: Stripe; webhookLab: WebhookLab };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  provider: [
    async ({}, use) => {
      const running = await startProvider({ port: 0, webhookRetry: TEST_WEBHOOK_RETRY });
      const port = Number(new URL(running.url).port);
      await use({ url: running.url, port, secretKey: running.secretKey, publishableKey: running.publishableKey });
      await running.close();
    },
    { scope: 'worker' },
  ],
  stripe: async ({ provider }, use) => {
    await use(sdkClient(provider));
  },
  webhookLab: async ({ stripe }, use) => {
    const receivers: WebhookReceiver[] = [];
    const endpoints: string[] = [];
    await use({
      async listen(options) {
        const r = await startWebhookReceiver(options);
        receivers.push(r);
        return r;
      },
      async endpoint(receiver, params = {}) {
        const ep = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'], ...params });
        endpoints.push(ep.id);
        return ep;
      },
    });
    for (const id of endpoints) await stripe.webhookEndpoints.del(id).catch(() => undefined);
    for (const r of receivers) await r.close();
  },
});

export function uniq(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

export function uniqueEmail(prefix = 'buyer'): string {
  return `${uniq(prefix)}@example.test`;
}

/** GET a provider route as raw JSON with the secret key (no SDK object conversion). */
export async function getRawJson(provider: RunningTestProvider, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${provider.url}${path}`, { headers: { authorization: `Bearer ${provider.secretKey}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export type { WebhookAttempt };

/** The sandbox-only attempts log: GET /_sandbox/webhook_attempts. */
export async function webhookAttempts(
  provider: RunningTestProvider,
  filter: { event?: string; endpoint?: string },
): Promise<WebhookAttempt[]> {
  const q = new URLSearchParams();
  if (filter.event) q.set('event', filter.event);
  if (filter.endpoint) q.set('endpoint', filter.endpoint);
  const { status, body } = await getRawJson(provider, `/_sandbox/webhook_attempts?${q.toString()}`);
  expect(status, 'GET /_sandbox/webhook_attempts status').toBe(200);
  expect(body.object).toBe('list');
  return body.data as WebhookAttempt[];
}

/** A product with a one-time USD price, named uniquely. */
export async function createCatalogItem(stripe: Stripe, unitAmount = 2000): Promise<{ product: Stripe.Product; price: Stripe.Price }> {
  const product = await stripe.products.create({ name: uniq('Rehearsal T-shirt') });
  const price = await stripe.prices.create({ product: product.id, unit_amount: unitAmount, currency: 'usd' });
  return { product, price };
}

export const SUCCESS_URL = 'https://shop.example.test/success?session_id={CHECKOUT_SESSION_ID}';
export const CANCEL_URL = 'https://shop.example.test/cancel';

export async function createPaymentSession(
  stripe: Stripe,
  params: Partial<Stripe.Checkout.SessionCreateParams> = {},
  unitAmount = 2000,
  quantity = 1,
): Promise<{ session: Stripe.Checkout.Session; price: Stripe.Price; product: Stripe.Product }> {
  const { product, price } = await createCatalogItem(stripe, unitAmount);
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: price.id, quantity }],
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
    ...params,
  });
  return { session, price, product };
}

export const CARDS = {
  visa: '4242424242424242',
  genericDecline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expired: '4000000000000069',
  chargeCustomerFail: '4000000000000341',
  threeDSecure: '4000002760003184',
  threeDSecure2: '4000000000003220',
} as const;

export interface HostedPaymentResult {
  status: number;
  location: string | null;
  body: string;
}

function futureExpiry(): string {
  return `12 / ${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`;
}

function decodeHtml(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/**
 * Submits the hosted checkout page's form the way a browser would: GET the session's url, take the
 * form's action and hidden inputs, POST Stripe's field names with node fetch (redirect: 'manual').
 */
export async function payOnHostedPage(
  session: Stripe.Checkout.Session,
  card: string,
  fields: Partial<Record<'email' | 'billingName' | 'billingCountry' | 'billingPostalCode' | 'cardExpiry' | 'cardCvc', string>> = {},
): Promise<HostedPaymentResult> {
  expect(session.url, 'checkout session url').toBeTruthy();
  const pageUrl = session.url as string;
  const page = await fetch(pageUrl);
  const html = await page.text();
  expect(page.status, `GET ${pageUrl}`).toBe(200);
  const formMatch = /<form\b[^>]*>/i.exec(html);
  const actionMatch = formMatch ? /\baction\s*=\s*"([^"]*)"/i.exec(formMatch[0]) : null;
  const action = new URL(decodeHtml(actionMatch?.[1] ?? ''), pageUrl).toString();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/type\s*=\s*"hidden"/i.test(tag)) continue;
    const name = /\bname\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    const value = /\bvalue\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name) form.set(decodeHtml(name), decodeHtml(value));
  }
  form.set('email', fields.email ?? session.customer_email ?? uniqueEmail('hosted'));
  form.set('cardNumber', card);
  form.set('cardExpiry', fields.cardExpiry ?? futureExpiry());
  form.set('cardCvc', fields.cardCvc ?? '123');
  form.set('billingName', fields.billingName ?? 'Rehearsal Buyer');
  form.set('billingCountry', fields.billingCountry ?? 'US');
  form.set('billingPostalCode', fields.billingPostalCode ?? '94103');
  const res = await fetch(action, {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** Creates a session and pays it with 4242… on the hosted page; asserts the redirect. */
export async function completePaidSession(
  stripe: Stripe,
  params: Partial<Stripe.Checkout.SessionCreateParams> = {},
  unitAmount = 2000,
): Promise<{ session: Stripe.Checkout.Session; price: Stripe.Price; product: Stripe.Product }> {
  const created = await createPaymentSession(stripe, params, unitAmount);
  const result = await payOnHostedPage(created.session, CARDS.visa);
  expect(result.status, `hosted page POST answered ${result.status}: ${result.body.slice(0, 200)}`).toBe(303);
  const session = await stripe.checkout.sessions.retrieve(created.session.id);
  return { ...created, session };
}

/** The single charge of a paid payment intent. */
export async function chargeOf(stripe: Stripe, paymentIntentId: string): Promise<Stripe.Charge> {
  const charges = await stripe.charges.list({ payment_intent: paymentIntentId });
  const paid = charges.data.filter((c) => c.paid);
  expect(paid, `paid charges of ${paymentIntentId}`).toHaveLength(1);
  return paid[0] as Stripe.Charge;
}

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value : value.id;
}

/** Captures a rejected promise's error; fails if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    const value = await promise;
    throw new Error(`expected the request to fail, but it succeeded with ${JSON.stringify(value).slice(0, 300)}`);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
}

/** A product with a recurring USD price (monthly unless told), named uniquely. */
export async function createRecurringItem(
  stripe: Stripe,
  unitAmount = 1500,
  recurring: Stripe.PriceCreateParams.Recurring = { interval: 'month' },
): Promise<{ product: Stripe.Product; price: Stripe.Price }> {
  const product = await stripe.products.create({ name: uniq('Rehearsal Club') });
  const price = await stripe.prices.create({ product: product.id, unit_amount: unitAmount, currency: 'usd', recurring });
  return { product, price };
}

/** A `mode=subscription` session for a new recurring price. */
export async function createSubscriptionSession(
  stripe: Stripe,
  params: Partial<Stripe.Checkout.SessionCreateParams> = {},
  unitAmount = 1500,
  recurring: Stripe.PriceCreateParams.Recurring = { interval: 'month' },
): Promise<{ session: Stripe.Checkout.Session; price: Stripe.Price; product: Stripe.Product }> {
  const { product, price } = await createRecurringItem(stripe, unitAmount, recurring);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
    ...params,
  });
  return { session, price, product };
}

/** Creates a subscription session, pays it with 4242… on the hosted page and returns the session and subscription. */
export async function completeSubscriptionSession(
  stripe: Stripe,
  params: Partial<Stripe.Checkout.SessionCreateParams> = {},
  unitAmount = 1500,
  recurring: Stripe.PriceCreateParams.Recurring = { interval: 'month' },
): Promise<{ session: Stripe.Checkout.Session; subscription: Stripe.Subscription; price: Stripe.Price }> {
  const created = await createSubscriptionSession(stripe, params, unitAmount, recurring);
  const result = await payOnHostedPage(created.session, CARDS.visa);
  expect(result.status, `hosted page POST answered ${result.status}: ${result.body.slice(0, 200)}`).toBe(303);
  const session = await stripe.checkout.sessions.retrieve(created.session.id);
  const subscription = await stripe.subscriptions.retrieve(idOf(session.subscription) as string);
  return { session, subscription, price: created.price };
}

/** Answers the hosted page's 3-D Secure challenge (`complete` or `fail`) as the challenge form would. */
export async function answerChallenge(
  session: Stripe.Checkout.Session,
  challengeHtml: string,
  outcome: 'complete' | 'fail',
): Promise<HostedPaymentResult> {
  const forms = [...challengeHtml.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>\s*<input[^>]*name="outcome"[^>]*value="([^"]*)"/gi)];
  const form = forms.find((m) => m[2] === outcome);
  expect(form, `a challenge form for "${outcome}"`).toBeDefined();
  const action = new URL(decodeHtml(form![1]!), session.url as string).toString();
  const res = await fetch(action, {
    method: 'POST',
    body: new URLSearchParams({ outcome }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** Waits until a test clock is `ready` again after an advance. */
export async function waitForClockReady(stripe: Stripe, clockId: string, timeoutMs = 10_000): Promise<Stripe.TestHelpers.TestClock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
    if (clock.status === 'ready') return clock;
    if (Date.now() > deadline) throw new Error(`test clock ${clockId} still ${clock.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
