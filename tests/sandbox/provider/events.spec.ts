import Stripe from 'stripe';
import { test, expect, uniq, uniqueEmail } from './support/fixtures';

function objectId(event: Stripe.Event): string {
  return (event.data.object as { id: string }).id;
}

test.describe('events', () => {
  test('records customer.created with the SDK api_version, livemode false and the request idempotency key', async ({ stripe }) => {
    const key = uniq('idem-cust');
    const customer = await stripe.customers.create({ email: uniqueEmail('evt') }, { idempotencyKey: key });
    const events = await stripe.events.list({ type: 'customer.created', limit: 100 });
    const event = events.data.find((e) => objectId(e) === customer.id);
    expect(event, `customer.created for ${customer.id}`).toBeDefined();
    expect(event!.id).toMatch(/^evt_/);
    expect(event).toMatchObject({ object: 'event', type: 'customer.created', api_version: Stripe.API_VERSION, livemode: false });
    expect(event!.request?.idempotency_key).toBe(key);
    expect(event!.request?.id).toBe(customer.lastResponse.requestId);
    expect(event!.request?.id).toMatch(/^req_/);
    expect((event!.data.object as Stripe.Customer).email).toBe(customer.email);

    const retrieved = await stripe.events.retrieve(event!.id);
    expect(retrieved.id).toBe(event!.id);
    expect(objectId(retrieved)).toBe(customer.id);
  });

  test('records customer.updated with previous_attributes holding only the changed fields', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('upd'), name: 'Before' });
    await stripe.customers.update(customer.id, { name: 'After' });
    const events = await stripe.events.list({ type: 'customer.updated', limit: 100 });
    const event = events.data.find((e) => objectId(e) === customer.id);
    expect(event, `customer.updated for ${customer.id}`).toBeDefined();
    expect((event!.data.object as Stripe.Customer).name).toBe('After');
    expect(event!.data.previous_attributes).toEqual({ name: 'Before' });
  });

  test("records the SDK's automatic idempotency key when none is given", async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('auto-key') });
    const event = (await stripe.events.list({ type: 'customer.created', limit: 100 })).data.find((e) => objectId(e) === customer.id);
    expect(event).toBeDefined();
    expect(event!.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect(event!.request?.idempotency_key).toBe(customer.lastResponse.idempotencyKey);
  });

  test('filters events by type', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('evt-product') });
    const customer = await stripe.customers.create({ email: uniqueEmail('evt-type') });
    const products = await stripe.events.list({ type: 'product.created', limit: 100 });
    expect(products.data.length).toBeGreaterThan(0);
    expect(products.data.every((e) => e.type === 'product.created')).toBe(true);
    expect(products.data.map(objectId)).toContain(product.id);
    expect(products.data.map(objectId)).not.toContain(customer.id);
  });

  test('filters events by several types[]', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('evt-types') });
    const customer = await stripe.customers.create({ email: uniqueEmail('evt-types') });
    const pi = await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const list = await stripe.events.list({ types: ['product.created', 'customer.created'], limit: 100 });
    expect(list.data.every((e) => e.type === 'product.created' || e.type === 'customer.created')).toBe(true);
    const ids = list.data.map(objectId);
    expect(ids).toContain(product.id);
    expect(ids).toContain(customer.id);
    expect(ids).not.toContain(pi.id);
  });

  test('filters events by created range', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('evt-created') });
    const event = (await stripe.events.list({ type: 'customer.created', limit: 100 })).data.find((e) => objectId(e) === customer.id);
    expect(event).toBeDefined();
    const t = event!.created;
    const inRange = await stripe.events.list({ created: { gte: t, lte: t }, limit: 100 });
    expect(inRange.data.map((e) => e.id)).toContain(event!.id);
    expect(inRange.data.every((e) => e.created === t)).toBe(true);
    const after = await stripe.events.list({ created: { gt: t }, limit: 100 });
    expect(after.data.map((e) => e.id)).not.toContain(event!.id);
    expect(after.data.every((e) => e.created > t)).toBe(true);
    const before = await stripe.events.list({ created: { lt: t }, limit: 100 });
    expect(before.data.map((e) => e.id)).not.toContain(event!.id);
  });

  test('lists events newest first', async ({ stripe }) => {
    const first = await stripe.customers.create({ email: uniqueEmail('order-1') });
    const second = await stripe.customers.create({ email: uniqueEmail('order-2') });
    const list = await stripe.events.list({ type: 'customer.created', limit: 100 });
    const ids = list.data.map(objectId);
    expect(ids.indexOf(second.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });

  test('records payment_intent.succeeded and charge.succeeded for a confirmed payment', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 1234,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const succeeded = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 100 });
    const piEvent = succeeded.data.find((e) => objectId(e) === pi.id);
    expect(piEvent).toBeDefined();
    expect((piEvent!.data.object as Stripe.PaymentIntent).status).toBe('succeeded');
    const charges = await stripe.events.list({ type: 'charge.succeeded', limit: 100 });
    const chargeEvent = charges.data.find((e) => (e.data.object as Stripe.Charge).payment_intent === pi.id);
    expect(chargeEvent).toBeDefined();
    expect((chargeEvent!.data.object as Stripe.Charge).paid).toBe(true);
  });

  test('records payment_intent.payment_failed for a declined confirmation', async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    await expect(stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeCardError,
    );
    const failed = await stripe.events.list({ type: 'payment_intent.payment_failed', limit: 100 });
    const event = failed.data.find((e) => objectId(e) === pi.id);
    expect(event).toBeDefined();
    expect((event!.data.object as Stripe.PaymentIntent).last_payment_error?.code).toBe('card_declined');
  });
});
