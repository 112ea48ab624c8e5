import Stripe from 'stripe';
import { test, expect, uniq, uniqueEmail, rejectionOf, createCatalogItem } from './support/fixtures';

test.describe('idempotency', () => {
  test('replays a saved response for a reused idempotency key without creating a duplicate', async ({ stripe }) => {
    const key = uniq('idem');
    const email = uniqueEmail('idem');
    const first = await stripe.customers.create({ email, name: 'Once' }, { idempotencyKey: key });
    const second = await stripe.customers.create({ email, name: 'Once' }, { idempotencyKey: key });
    expect(second.id).toBe(first.id);
    expect(second.created).toBe(first.created);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).not.toBe('true');
    const list = await stripe.customers.list({ email });
    expect(list.data.map((c) => c.id)).toEqual([first.id]);
  });

  test('replays a checkout session creation with the same session id', async ({ stripe }) => {
    const { price } = await createCatalogItem(stripe);
    const key = `checkout-${uniq('order')}`;
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://shop.example.test/s?session_id={CHECKOUT_SESSION_ID}',
      metadata: { order_id: key },
    };
    const a = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    const b = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect(b.url).toBe(a.url);
  });

  test('rejects the same key with different parameters with StripeIdempotencyError', async ({ stripe }) => {
    const key = uniq('idem-mismatch');
    const email = uniqueEmail('idem-mismatch');
    const first = await stripe.customers.create({ email, name: 'A' }, { idempotencyKey: key });
    const err = await rejectionOf(stripe.customers.create({ email, name: 'B' }, { idempotencyKey: key }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.type).toBe('StripeIdempotencyError');
    expect(err.rawType).toBe('idempotency_error');
    expect(err.statusCode).toBe(400);
    const list = await stripe.customers.list({ email });
    expect(list.data.map((c) => c.id)).toEqual([first.id]);
  });

  test('does not save a request that fails validation: a corrected retry with the same key succeeds', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('idem-validation') });
    const key = uniq('idem-invalid');
    const err = await rejectionOf(
      stripe.prices.create({ product: product.id, unit_amount: 1000 } as Stripe.PriceCreateParams, { idempotencyKey: key }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('currency');
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1000, currency: 'usd' }, { idempotencyKey: key });
    expect(price.id).toMatch(/^price_/);
    expect(price.currency).toBe('usd');
  });

  test('saves the answer of a request that ran even when expand fails afterwards: a retry creates nothing new', async ({ stripe }) => {
    const key = uniq('idem-expand');
    const email = uniqueEmail('idem-expand');
    const params = { email, expand: ['no_such_field'] } as Stripe.CustomerCreateParams;
    const first = await rejectionOf(stripe.customers.create(params, { idempotencyKey: key }));
    const again = await rejectionOf(stripe.customers.create(params, { idempotencyKey: key }));
    expect(first.param).toBe('expand');
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect((await stripe.customers.list({ email })).data).toHaveLength(1);
  });

  test('refuses an expand path deeper than four levels before running the request', async ({ stripe }) => {
    const email = uniqueEmail('idem-deep');
    const err = await rejectionOf(stripe.customers.create({ email, expand: ['a.b.c.d.e'] }));
    expect(err.param).toBe('expand');
    expect((await stripe.customers.list({ email })).data).toEqual([]);
  });

  test('replays a saved card decline for a reused idempotency key', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const key = uniq('idem-decline');
    const first = await rejectionOf(
      stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: key }),
    );
    const again = await rejectionOf(
      stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: key }),
    );
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(again).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(again.charge).toBe(first.charge);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    const failedCharges = (await stripe.charges.list({ payment_intent: pi.id })).data;
    expect(failedCharges.filter((c) => c.paid)).toEqual([]);
    expect(failedCharges.length).toBeLessThanOrEqual(1);
  });

  test('keeps keys separate: a different key creates a new object', async ({ stripe }) => {
    const email = uniqueEmail('idem-two');
    const a = await stripe.customers.create({ email }, { idempotencyKey: uniq('k1') });
    const b = await stripe.customers.create({ email }, { idempotencyKey: uniq('k2') });
    expect(b.id).not.toBe(a.id);
    expect((await stripe.customers.list({ email })).data).toHaveLength(2);
  });
});
