import Stripe from 'stripe';
import { test, expect, uniq, uniqueEmail, rejectionOf, sdkClient } from './support/fixtures';

test.describe('errors', () => {
  test('names the missing required parameter: products.create without name', async ({ stripe }) => {
    const err = await rejectionOf(stripe.products.create({} as Stripe.ProductCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.rawType).toBe('invalid_request_error');
    expect(err.code).toBe('parameter_missing');
    expect(err.param).toBe('name');
    expect(err.message).toContain('name');
  });

  test('names the missing required parameter: prices.create without currency', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('err') });
    const err = await rejectionOf(stripe.prices.create({ product: product.id, unit_amount: 100 } as Stripe.PriceCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('currency');
  });

  test('refuses a currency that is not a three-letter code, in price_data too', async ({ stripe }) => {
    const err = await rejectionOf(stripe.paymentIntents.create({ amount: 1000, currency: 'us' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('currency');
    const inline = await rejectionOf(
      stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://shop.example.test/s',
        line_items: [{ quantity: 1, price_data: { currency: 'dollars', unit_amount: 100, product_data: { name: uniq('bad-currency') } } }],
      }),
    );
    expect(inline.param).toBe('line_items[0][price_data][currency]');
  });

  test('refuses an integer too large to be exact and a negative inline unit amount', async ({ stripe }) => {
    // eslint-disable-next-line no-loss-of-precision -- the point: an amount too large for a number to hold exactly
    const huge = await rejectionOf(stripe.paymentIntents.create({ amount: 99999999999999999999, currency: 'usd' }));
    expect(huge.code).toBe('parameter_invalid_integer');
    const negative = await rejectionOf(
      stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://shop.example.test/s',
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: -100, product_data: { name: uniq('negative') } } }],
      }),
    );
    expect(negative.param).toBe('line_items[0][price_data][unit_amount]');
  });

  test('names the missing required parameter: paymentIntents.create without amount', async ({ stripe }) => {
    const err = await rejectionOf(stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('amount');
  });

  const missing: Array<[string, (s: Stripe) => Promise<unknown>]> = [
    ['customer', (s) => s.customers.retrieve('cus_doesnotexist')],
    ['product', (s) => s.products.retrieve('prod_doesnotexist')],
    ['price', (s) => s.prices.retrieve('price_doesnotexist')],
    ['checkout session', (s) => s.checkout.sessions.retrieve('cs_test_doesnotexist')],
    ['payment intent', (s) => s.paymentIntents.retrieve('pi_doesnotexist')],
    ['charge', (s) => s.charges.retrieve('ch_doesnotexist')],
    ['refund', (s) => s.refunds.retrieve('re_doesnotexist')],
    ['event', (s) => s.events.retrieve('evt_doesnotexist')],
    ['webhook endpoint', (s) => s.webhookEndpoints.retrieve('we_doesnotexist')],
  ];
  for (const [name, call] of missing) {
    test(`answers an unknown ${name} id with 404 resource_missing`, async ({ stripe }) => {
      const err = await rejectionOf(call(stripe));
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.statusCode).toBe(404);
      expect(err.code).toBe('resource_missing');
      expect(err.param).toBe('id');
      expect(err.message).toMatch(/No such/);
    });
  }

  test('answers a refund for an unknown charge with resource_missing on the charge param', async ({ stripe }) => {
    const err = await rejectionOf(stripe.refunds.create({ charge: 'ch_doesnotexist' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.code).toBe('resource_missing');
    expect(err.param).toBe('charge');
  });

  test('answers an unrecognised URL with 404 invalid_request_error', async ({ stripe }) => {
    const err = await rejectionOf(stripe.rawRequest('GET', '/v1/definitely_not_a_resource'));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
  });

  test('rejects an unknown parameter, naming it', async ({ stripe }) => {
    const err = await rejectionOf(stripe.customers.create({ email: uniqueEmail('unk'), not_a_param: 'x' } as Stripe.CustomerCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('not_a_param');
  });

  test('raises the SDK class that matches each error type', async ({ stripe, provider }) => {
    const auth = await rejectionOf(sdkClient(provider, 'sk_test_unknown').customers.list());
    const card = await rejectionOf(
      stripe.paymentIntents.create({
        amount: 100,
        currency: 'usd',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    );
    const invalid = await rejectionOf(stripe.customers.retrieve('cus_nope'));
    const key = uniq('idem-class');
    await stripe.customers.create({ name: 'first' }, { idempotencyKey: key });
    const idem = await rejectionOf(stripe.customers.create({ name: 'second' }, { idempotencyKey: key }));

    const seen = [auth, card, invalid, idem].map((e) => ({ class: e.type, rawType: e.rawType, status: e.statusCode }));
    expect(seen).toEqual([
      { class: 'StripeAuthenticationError', rawType: 'invalid_request_error', status: 401 },
      { class: 'StripeCardError', rawType: 'card_error', status: 402 },
      { class: 'StripeInvalidRequestError', rawType: 'invalid_request_error', status: 404 },
      { class: 'StripeIdempotencyError', rawType: 'idempotency_error', status: 400 },
    ]);
  });

  test('carries a request id on every response, errors included', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('reqid') });
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    const err = await rejectionOf(stripe.customers.retrieve('cus_nope'));
    expect(err.requestId).toMatch(/^req_/);
    expect(err.requestId).not.toBe(customer.lastResponse.requestId);
  });
});
