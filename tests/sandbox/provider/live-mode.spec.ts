import { randomInt } from 'node:crypto';
import Stripe from 'stripe';
import { startProvider } from '../../../sandbox/provider';
import {
  test as base,
  expect,
  CARDS,
  createPaymentSession,
  createSubscriptionSession,
  getRawJson,
  idOf,
  payOnHostedPage,
  rejectionOf,
  sdkClient,
  uniqueEmail,
  type RunningTestProvider,
} from './support/fixtures';

/*
 * The provider in live mode: a live key pair makes it a live account (livemode everywhere, cs_live_ ids, no
 * TEST MODE badge), Stripe's test cards are declined as such, test helpers are refused, and keys of the
 * other mode are unknown keys.
 */

const LIVE_TEST_CARD_MESSAGE = 'Your card was declined. Your request was in live mode, but used a known test card.';

const test = base.extend<{ live: Stripe }, { liveProvider: RunningTestProvider }>({
  liveProvider: [
    async ({}, use) => {
      const running = await startProvider({ mode: 'live', port: 0 });
      await use({
        url: running.url,
        port: Number(new URL(running.url).port),
        secretKey: running.secretKey,
        publishableKey: running.publishableKey,
      });
      await running.close();
    },
    { scope: 'worker' },
  ],
  live: async ({ liveProvider }, use) => {
    await use(sdkClient(liveProvider));
  },
});

/** A Luhn-valid Visa number made up for the test (not one of Stripe's test cards), never written down. */
function madeUpCardNumber(): string {
  const body = `49${Array.from({ length: 13 }, () => randomInt(10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Every `livemode` anywhere in a JSON value, with its path. */
function livemodes(value: unknown, path = '$'): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => livemodes(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'livemode' ? [{ path: `${path}.livemode`, value: child }] : livemodes(child, `${path}.${key}`),
  );
}

async function rawJson(provider: RunningTestProvider, path: string): Promise<Record<string, unknown>> {
  const { status, body } = await getRawJson(provider, path);
  expect(status, `GET ${path}`).toBe(200);
  return body;
}

test.describe('the provider in live mode', () => {
  test('marks every object and event livemode in live mode', async ({ live, liveProvider }) => {
    const card = madeUpCardNumber();
    const endpoint = await live.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'] });
    const { session, product, price } = await createPaymentSession(live, { customer_email: uniqueEmail('live') });
    expect(session.id).toMatch(/^cs_live_a1[A-Za-z0-9]{56}$/);
    expect(session.livemode).toBe(true);
    const paid = await payOnHostedPage(session, card);
    expect(paid.status, paid.body.slice(0, 300)).toBe(303);
    const done = await live.checkout.sessions.retrieve(session.id);
    const refund = await live.refunds.create({ payment_intent: idOf(done.payment_intent)!, amount: 500 });

    const sub = await createSubscriptionSession(live, { customer_email: uniqueEmail('live-sub') });
    expect((await payOnHostedPage(sub.session, card)).status).toBe(303);
    const subSession = await live.checkout.sessions.retrieve(sub.session.id);
    const customer = await live.customers.create({ email: uniqueEmail('live-api') });

    const paths = [
      `/v1/webhook_endpoints/${endpoint.id}`,
      `/v1/products/${product.id}`,
      `/v1/prices/${price.id}`,
      `/v1/checkout/sessions/${session.id}`,
      `/v1/payment_intents/${idOf(done.payment_intent)}?expand[]=latest_charge`,
      `/v1/refunds/${refund.id}`,
      `/v1/customers/${customer.id}`,
      `/v1/checkout/sessions/${subSession.id}`,
      `/v1/subscriptions/${idOf(subSession.subscription)}?expand[]=default_payment_method`,
      `/v1/invoices/${idOf(subSession.invoice)}?expand[]=payments`,
      `/v1/customers/${idOf(subSession.customer)}`,
      '/v1/events?limit=100',
    ];
    const seen: { path: string; value: unknown }[] = [];
    for (const path of paths) seen.push(...livemodes(await rawJson(liveProvider, path), path));
    expect(seen.length, 'livemode fields looked at').toBeGreaterThan(30);
    expect(seen.filter((entry) => entry.value !== true)).toEqual([]);

    const events = await live.events.list({ limit: 100 });
    expect(events.data.map((e) => e.type)).toEqual(
      expect.arrayContaining(['checkout.session.completed', 'charge.refunded', 'invoice.paid', 'customer.subscription.created']),
    );
    expect(events.data.every((e) => e.livemode === true)).toBe(true);
    await live.webhookEndpoints.del(endpoint.id);
  });

  test('declines a known test card in live mode', async ({ live }) => {
    for (const card of [CARDS.visa, CARDS.threeDSecure, '5555555555554444']) {
      const { session } = await createPaymentSession(live);
      const result = await payOnHostedPage(session, card);
      expect(result.status, `hosted page with a test card ending ${card.slice(-4)}`).toBe(402);
      expect(result.body).toContain(LIVE_TEST_CARD_MESSAGE);
      expect(result.body).not.toContain('three-d-secure-challenge');
      const after = await live.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
      expect(after.status).toBe('open');
      const intent = after.payment_intent as Stripe.PaymentIntent;
      expect(intent.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', message: LIVE_TEST_CARD_MESSAGE });
      expect(await live.charges.list({ payment_intent: intent.id })).toMatchObject({ data: [] });
    }

    const viaApi = await rejectionOf(
      live.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        payment_method: 'pm_card_visa',
        confirm: true,
      }),
    );
    expect(viaApi).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(viaApi).toMatchObject({ statusCode: 402, code: 'card_declined', message: LIVE_TEST_CARD_MESSAGE });

    const customer = await live.customers.create({ email: uniqueEmail('live-attach') });
    const attach = await rejectionOf(live.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id }));
    expect(attach).toMatchObject({ statusCode: 402, code: 'card_declined', message: LIVE_TEST_CARD_MESSAGE });
    expect((await live.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  test('accepts a non-test card in live mode', async ({ live, liveProvider, stripe }) => {
    const card = madeUpCardNumber();
    const { session } = await createPaymentSession(live, { customer_email: uniqueEmail('live-card') });
    const page = await (await fetch(session.url!)).text();
    expect(page).not.toContain('TEST MODE');

    const paid = await payOnHostedPage(session, card);
    expect(paid.status, paid.body.slice(0, 300)).toBe(303);
    const done = await live.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', livemode: true });
    const charge = (done.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ paid: true, status: 'succeeded', livemode: true, amount: 2000 });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: card.slice(-4) });
    expect(JSON.stringify(await rawJson(liveProvider, `/v1/charges/${charge.id}`))).not.toContain(card);

    // An invalid number is still invalid, and an expired card is refused before it is tried.
    const other = (await createPaymentSession(live)).session;
    const invalid = await payOnHostedPage(other, `${card.slice(0, -1)}${(Number(card.slice(-1)) + 1) % 10}`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('Your card number is invalid.');
    const expired = await payOnHostedPage(other, card, { cardExpiry: '01 / 20' });
    expect(expired.status).toBe(400);

    // The same made-up card is "invalid" in test mode, where only Stripe's test cards exist, and the badge shows.
    const testSession = (await createPaymentSession(stripe)).session;
    expect(await (await fetch(testSession.url!)).text()).toContain('TEST MODE');
    expect((await payOnHostedPage(testSession, card)).status).toBe(400);
  });

  test('refuses test clocks in live mode', async ({ live, liveProvider }) => {
    const create = await rejectionOf(live.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) }));
    expect(create).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(create.statusCode).toBe(400);
    expect(create.message).toMatch(/test mode/);
    expect((await rejectionOf(live.testHelpers.testClocks.list())).statusCode).toBe(400);
    const unknownHelper = await getRawJson(liveProvider, '/v1/test_helpers/customers/cus_x/fund_cash_balance');
    expect(unknownHelper.status).toBe(400);
    expect(unknownHelper.body).toMatchObject({ error: { type: 'invalid_request_error' } });
    const customer = await rejectionOf(live.customers.create({ email: uniqueEmail('clock'), test_clock: 'clock_1Nothing' }));
    expect(customer.statusCode).toBe(404);
  });

  test('refuses a test key on a live provider', async ({ liveProvider, provider }) => {
    expect(liveProvider.secretKey).toMatch(/^sk_live_/);
    expect(liveProvider.publishableKey).toMatch(/^pk_live_/);
    expect(provider.secretKey).toMatch(/^sk_test_/);
    const testKeyOnLive = await rejectionOf(sdkClient(liveProvider, provider.secretKey).customers.list());
    expect(testKeyOnLive).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(testKeyOnLive.statusCode).toBe(401);
    expect(testKeyOnLive.message).toMatch(/^Invalid API Key provided: sk_test_\*+0000$/);
    const liveKeyOnTest = await rejectionOf(sdkClient(provider, liveProvider.secretKey).customers.list());
    expect(liveKeyOnTest).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(liveKeyOnTest.statusCode).toBe(401);
    expect(liveKeyOnTest.message).toMatch(/^Invalid API Key provided: sk_live_\*+0000$/);

    // A provider serves one mode: a key pair that mixes modes, or a mode its keys contradict, does not start.
    await expect(startProvider({ port: 0, secretKey: liveProvider.secretKey, publishableKey: provider.publishableKey })).rejects.toThrow(
      /mix modes/,
    );
    await expect(
      startProvider({ port: 0, mode: 'test', secretKey: liveProvider.secretKey, publishableKey: liveProvider.publishableKey }),
    ).rejects.toThrow(/live keys/);
  });

  test('serves the account', async ({ live, liveProvider, stripe }) => {
    for (const client of [stripe, live]) {
      const account = await client.accounts.retrieveCurrent();
      expect(account).toMatchObject({
        id: 'acct_1DressRehearsal',
        object: 'account',
        settings: { dashboard: { display_name: 'Dress Rehearsal sandbox' } },
        business_profile: { name: 'Dress Rehearsal sandbox' },
        charges_enabled: true,
      });
      expect((await client.accounts.retrieve('acct_1DressRehearsal')).id).toBe('acct_1DressRehearsal');
      expect((await rejectionOf(client.accounts.retrieve('acct_1SomeoneElse'))).statusCode).toBe(404);
    }
    expect((await rejectionOf(sdkClient(liveProvider, liveProvider.publishableKey).accounts.retrieveCurrent())).statusCode).toBe(401);
  });
});
