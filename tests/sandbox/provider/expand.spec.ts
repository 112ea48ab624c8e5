import Stripe from 'stripe';
import { test, expect, uniq, uniqueEmail, completePaidSession, createPaymentSession, rejectionOf } from './support/fixtures';

test.describe('expand[]', () => {
  test('leaves payment_intent as an id and omits line_items without expand', async ({ stripe }) => {
    const { session } = await completePaidSession(stripe);
    expect(typeof session.payment_intent).toBe('string');
    expect(session).not.toHaveProperty('line_items');
  });

  test("expands a checkout session's payment_intent and line_items", async ({ stripe }) => {
    const { session, price } = await completePaidSession(stripe);
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent', 'line_items'] });
    const pi = expanded.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: 'payment_intent', id: session.payment_intent, status: 'succeeded' });
    expect(expanded.line_items).toMatchObject({ object: 'list' });
    expect(expanded.line_items?.data.map((li) => li.price?.id)).toEqual([price.id]);
  });

  test('expands nested paths: payment_intent.latest_charge', async ({ stripe }) => {
    const { session } = await completePaidSession(stripe);
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    const charge = (expanded.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', paid: true });
  });

  test("expands a payment intent's latest_charge", async ({ stripe }) => {
    const pi = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', id: pi.latest_charge, amount: 1500, paid: true, payment_intent: pi.id });
  });

  test('expands data.customer in a list', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('expand') });
    await stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      customer: customer.id,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const list = await stripe.paymentIntents.list({ customer: customer.id, expand: ['data.customer'] });
    expect(list.data).toHaveLength(1);
    expect(list.data[0]?.customer).toMatchObject({ object: 'customer', id: customer.id, email: customer.email });
  });

  test('expands data.product in a prices list', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('expand product') });
    const lookupKey = uniq('lk_expand');
    await stripe.prices.create({ product: product.id, unit_amount: 300, currency: 'usd', lookup_key: lookupKey });
    const list = await stripe.prices.list({ lookup_keys: [lookupKey], expand: ['data.product'] });
    expect(list.data[0]?.product).toMatchObject({ object: 'product', id: product.id, name: product.name });
  });

  test('expands on create as well as on retrieve', async ({ stripe }) => {
    const { price } = await createPaymentSession(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 2 }],
      success_url: 'https://shop.example.test/ok',
      expand: ['line_items'],
    });
    expect(session.line_items?.data[0]).toMatchObject({ quantity: 2 });
  });

  test('rejects expanding a field that cannot be expanded', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('not expandable') });
    const err = await rejectionOf(stripe.products.retrieve(product.id, { expand: ['name'] }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
  });
});
