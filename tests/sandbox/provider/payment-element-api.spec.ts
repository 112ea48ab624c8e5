import type Stripe from 'stripe';
import { test, expect, type RunningTestProvider } from './support/fixtures';

// The API as the Payment Element's frame and Stripe.js call it: the publishable key plus a client secret.

const CARD_DATA = {
  'payment_method_data[type]': 'card',
  'payment_method_data[card][exp_month]': '12',
  'payment_method_data[card][exp_year]': '2034',
  'payment_method_data[card][cvc]': '123',
  'payment_method_data[billing_details][name]': 'Rehearsal Buyer',
  'payment_method_data[billing_details][address][country]': 'US',
  'payment_method_data[billing_details][address][postal_code]': '94103',
};

const PUBLISHABLE_KEY_REFUSED =
  'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.';

interface RawAnswer {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}

async function call(
  provider: RunningTestProvider,
  key: string,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
): Promise<RawAnswer> {
  const query = method === 'GET' && Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const res = await fetch(`${provider.url}${path}${query}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(method === 'POST' ? { body: new URLSearchParams(params) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

function confirmWithCard(
  provider: RunningTestProvider,
  intent: Stripe.PaymentIntent,
  number: string,
  key = provider.publishableKey,
): Promise<RawAnswer> {
  return call(provider, key, 'POST', `/v1/payment_intents/${intent.id}/confirm`, {
    client_secret: intent.client_secret as string,
    ...CARD_DATA,
    'payment_method_data[card][number]': number,
  });
}

async function newIntent(stripe: Stripe): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount: 1500,
    currency: 'usd',
    customer: (await stripe.customers.create({ email: 'pk@example.test' })).id,
    metadata: { order_id: 'ord_pk' },
  });
}

test.describe('the publishable key with a client secret', () => {
  test('retrieves its own payment intent, seeing only what Stripe shows a browser', async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const { status, body, headers } = await call(provider, provider.publishableKey, 'GET', `/v1/payment_intents/${intent.id}`, {
      client_secret: intent.client_secret as string,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: intent.id,
      object: 'payment_intent',
      amount: 1500,
      currency: 'usd',
      status: 'requires_payment_method',
      client_secret: intent.client_secret,
    });
    expect(body).not.toHaveProperty('metadata');
    expect(body).not.toHaveProperty('customer');
    expect(headers.get('access-control-allow-origin'), 'a merchant page may read it (CORS)').toBe('*');
  });

  test('cannot read another payment intent, nor one without its client secret', async ({ provider, stripe }) => {
    const mine = await newIntent(stripe);
    const other = await newIntent(stripe);
    const withMySecret = await call(provider, provider.publishableKey, 'GET', `/v1/payment_intents/${other.id}`, {
      client_secret: mine.client_secret as string,
    });
    expect(withMySecret.status).toBe(400);
    expect(withMySecret.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'payment_intent_invalid_parameter',
      param: 'client_secret',
      message: 'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
    });
    expect(JSON.stringify(withMySecret.body)).not.toContain(other.client_secret as string);

    const withoutSecret = await call(provider, provider.publishableKey, 'GET', `/v1/payment_intents/${other.id}`);
    expect(withoutSecret.status).toBe(404);
    expect(withoutSecret.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: `No such payment_intent: '${other.id}'`,
    });

    const unknown = await call(provider, provider.publishableKey, 'GET', '/v1/payment_intents/pi_doesNotExist0000', {
      client_secret: 'pi_doesNotExist0000_secret_x',
    });
    expect(unknown.status).toBe(404);

    const confirmOther = await confirmWithCard(provider, { ...other, client_secret: mine.client_secret }, '4242424242424242');
    expect(confirmOther.status).toBe(400);
    expect((await stripe.paymentIntents.retrieve(other.id)).status).toBe('requires_payment_method');
  });

  test('can do nothing else: every other call keeps the publishable-key error', async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const secret = { client_secret: intent.client_secret as string };
    const attempts: [string, 'GET' | 'POST', string, Record<string, string>][] = [
      ['list payment intents', 'GET', '/v1/payment_intents', {}],
      ['create a payment intent', 'POST', '/v1/payment_intents', { amount: '500', currency: 'usd' }],
      ['update its payment intent', 'POST', `/v1/payment_intents/${intent.id}`, { ...secret, description: 'changed' }],
      ['cancel its payment intent', 'POST', `/v1/payment_intents/${intent.id}/cancel`, secret],
      ['read its customer', 'GET', `/v1/customers/${intent.customer as string}`, {}],
      ['list charges', 'GET', '/v1/charges', {}],
      ['create a refund', 'POST', '/v1/refunds', { payment_intent: intent.id }],
      ['read the request log', 'GET', '/_sandbox/requests', {}],
    ];
    for (const [what, method, path, params] of attempts) {
      const answer = await call(provider, provider.publishableKey, method, path, params);
      expect(answer.status, what).toBe(401);
      expect(answer.body.error, what).toEqual({ type: 'invalid_request_error', message: PUBLISHABLE_KEY_REFUSED });
    }
    expect((await stripe.paymentIntents.retrieve(intent.id)).description).toBeNull();
  });

  test('a CORS preflight is answered on the browser routes only', async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const preflight = (path: string) =>
      fetch(`${provider.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:9',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const open = await preflight(`/v1/payment_intents/${intent.id}/confirm`);
    expect(open.status).toBe(204);
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
    expect(open.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const closed = await preflight('/v1/customers');
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
  });
});

test.describe('confirm with payment_method_data (the Payment Element)', () => {
  test('4242 creates a card PaymentMethod and pays; the response is what a browser may see', async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const { status, body } = await confirmWithCard(provider, intent, '4242424242424242');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: intent.id, status: 'succeeded' });
    expect(body).not.toHaveProperty('metadata');
    expect(body.payment_method).toMatch(/^pm_/);

    const paymentMethod = await stripe.paymentMethods.retrieve(body.payment_method as string);
    expect(paymentMethod).toMatchObject({
      type: 'card',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
      billing_details: { name: 'Rehearsal Buyer', address: { country: 'US', postal_code: '94103' } },
    });
    const paid = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(paid.metadata).toEqual({ order_id: 'ord_pk' });
    expect((paid.latest_charge as Stripe.Charge).payment_method).toBe(paymentMethod.id);
    const events = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 100 });
    expect(events.data.some((event) => (event.data.object as Stripe.PaymentIntent).id === intent.id)).toBe(true);
  });

  test("a decline is the 402 card_error Stripe returns, with the browser's view of the intent", async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const { status, body } = await confirmWithCard(provider, intent, '4000000000000002');
    expect(status).toBe(402);
    expect(body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    });
    expect(body.error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method' });
    expect(body.error.payment_intent).not.toHaveProperty('metadata');
    expect((await stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(0);
  });

  test('a wrong number is incorrect_number; a real (non-test) card is declined in test mode', async ({ provider, stripe }) => {
    const intent = await newIntent(stripe);
    const wrong = await confirmWithCard(provider, intent, '4242424242424241');
    expect(wrong.status).toBe(402);
    expect(wrong.body.error).toMatchObject({ type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.' });
    const live = await confirmWithCard(provider, intent, '4111111111111111');
    expect(live.status).toBe(402);
    expect(live.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'test_mode_live_card' });
    expect(JSON.stringify([wrong.body, live.body])).not.toMatch(/4242424242424241|4111111111111111/);
  });

  test('a 3-D Secure card waits in requires_action with use_stripe_sdk; the challenge answer settles it', async ({ provider, stripe }) => {
    const answer = (intent: Stripe.PaymentIntent, outcome: 'complete' | 'fail') =>
      fetch(`${provider.url}/elements/three-d-secure`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ payment_intent: intent.id, client_secret: intent.client_secret as string, outcome }),
      });

    const completed = await newIntent(stripe);
    const waiting = await confirmWithCard(provider, completed, '4000002760003184');
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect(waiting.body.next_action.use_stripe_sdk.stripe_js).toMatch(
      new RegExp(`^${provider.url}/elements/three-d-secure\\?payment_intent=${completed.id}&`),
    );
    expect((await stripe.events.list({ type: 'payment_intent.requires_action' })).data[0]?.data.object).toMatchObject({ id: completed.id });
    expect((await answer(completed, 'complete')).status).toBe(200);
    expect((await stripe.paymentIntents.retrieve(completed.id)).status).toBe('succeeded');
    expect((await answer(completed, 'complete')).status, 'a challenge is answered once').toBe(409);

    const failed = await newIntent(stripe);
    await confirmWithCard(provider, failed, '4000000000003220');
    const refused = await answer(failed, 'fail');
    expect(await refused.json()).toMatchObject({
      status: 'requires_payment_method',
      error: { code: 'payment_intent_authentication_failure' },
    });
    const after = await stripe.paymentIntents.retrieve(failed.id);
    expect(after).toMatchObject({
      status: 'requires_payment_method',
      next_action: null,
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
    expect((await stripe.charges.list({ payment_intent: failed.id })).data).toHaveLength(0);
  });

  test('the secret key may not send a card number (as at Stripe), and still confirms with a test PaymentMethod', async ({
    provider,
    stripe,
  }) => {
    const intent = await newIntent(stripe);
    const raw = await confirmWithCard(provider, intent, '4242424242424242', provider.secretKey);
    expect(raw.status).toBe(400);
    expect(raw.body.error.message).toMatch(/^Sending credit card numbers directly to the Stripe API is generally unsafe\./);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    // Made without payment method types: automatic payment methods, so a server-side confirm names a return_url (since 2023-08-16).
    const paid = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_visa',
      return_url: 'https://shop.example.test/done',
    });
    expect(paid.status).toBe('succeeded');
    expect(paid.metadata, 'the secret key sees the whole intent').toEqual({ order_id: 'ord_pk' });
  });
});
