import Stripe from 'stripe';
import {
  test,
  expect,
  uniq,
  uniqueEmail,
  createCatalogItem,
  createPaymentSession,
  completePaidSession,
  payOnHostedPage,
  rejectionOf,
  idOf,
  CARDS,
  SUCCESS_URL,
  CANCEL_URL,
} from './support/fixtures';

test.describe('checkout sessions', () => {
  test('creates a payment-mode session with line items, metadata and a hosted url', async ({ stripe, provider }) => {
    const { price } = await createCatalogItem(stripe, 2000);
    const email = uniqueEmail('checkout');
    const ref = uniq('clk');
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 2 }],
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
      customer_email: email,
      client_reference_id: ref,
      metadata: { order_id: 'ord_42', referral_click_id: ref },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      livemode: false,
      customer_email: email,
      client_reference_id: ref,
      metadata: { order_id: 'ord_42', referral_click_id: ref },
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
      currency: 'usd',
      amount_subtotal: 4000,
      amount_total: 4000,
    });
    expect(session.url).toBe(`${provider.url}/c/pay/${session.id}`);
    expect(session.expires_at).toBeGreaterThan(session.created);

    const again = await stripe.checkout.sessions.retrieve(session.id);
    expect(again).toMatchObject({ id: session.id, client_reference_id: ref, customer_email: email, url: session.url });
  });

  test('lists the line items of a session', async ({ stripe }) => {
    const a = await createCatalogItem(stripe, 1200);
    const b = await createCatalogItem(stripe, 500);
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { price: a.price.id, quantity: 1 },
        { price: b.price.id, quantity: 3 },
      ],
      success_url: SUCCESS_URL,
    });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.object).toBe('list');
    expect(items.has_more).toBe(false);
    expect(items.data).toHaveLength(2);
    const byPrice = new Map(items.data.map((li) => [li.price?.id, li]));
    expect(byPrice.get(a.price.id)).toMatchObject({
      object: 'item',
      quantity: 1,
      amount_subtotal: 1200,
      amount_total: 1200,
      currency: 'usd',
      description: a.product.name,
    });
    expect(byPrice.get(b.price.id)).toMatchObject({
      object: 'item',
      quantity: 3,
      amount_subtotal: 1500,
      amount_total: 1500,
      currency: 'usd',
      description: b.product.name,
    });
    expect(session.amount_total).toBe(2700);
  });

  test('rejects a payment-mode session without line_items', async ({ stripe }) => {
    await expect(stripe.checkout.sessions.create({ mode: 'payment', success_url: SUCCESS_URL })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
    });
  });

  test('lists a newly created session', async ({ stripe }) => {
    const { price } = await createCatalogItem(stripe);
    const s = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: SUCCESS_URL,
    });
    const list = await stripe.checkout.sessions.list({ limit: 100 });
    expect(list.object).toBe('list');
    expect(list.data.map((x) => x.id)).toContain(s.id);
  });

  test('finds a paid session by payment_intent', async ({ stripe }) => {
    const { session } = await completePaidSession(stripe);
    const piId = idOf(session.payment_intent) as string;
    const list = await stripe.checkout.sessions.list({ payment_intent: piId });
    expect(list.data.map((s) => s.id)).toEqual([session.id]);
  });

  test('copies payment_intent_data.metadata, not the session metadata, to the payment intent', async ({ stripe }) => {
    const { session } = await completePaidSession(stripe, {
      metadata: { order_id: 'session-level' },
      payment_intent_data: { metadata: { order_id: 'pi-level' } },
    });
    const pi = await stripe.paymentIntents.retrieve(idOf(session.payment_intent) as string);
    expect(pi.metadata).toEqual({ order_id: 'pi-level' });
    expect(session.metadata).toEqual({ order_id: 'session-level' });
  });

  test('pays for an existing customer and links the payment intent to them', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('known') });
    const { session } = await completePaidSession(stripe, { customer: customer.id });
    expect(idOf(session.customer)).toBe(customer.id);
    const pi = await stripe.paymentIntents.retrieve(idOf(session.payment_intent) as string);
    expect(idOf(pi.customer)).toBe(customer.id);
  });

  test('rejects customer together with customer_email', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('both') });
    const { price } = await createCatalogItem(stripe);
    const err = await rejectionOf(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: SUCCESS_URL,
        customer: customer.id,
        customer_email: 'x@example.test',
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  test('expires an open session, which then cannot be paid', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe);
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid' });
    const attempt = await payOnHostedPage(session, CARDS.visa).catch(() => null);
    expect(attempt?.status ?? 0).not.toBe(303);
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe('expired');
    expect(after.payment_status).toBe('unpaid');
    // Stripe: the url "is only present when the session is active".
    expect(after.url).toBeNull();
    const events = await stripe.events.list({ type: 'checkout.session.expired', limit: 100 });
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(session.id);
  });

  test('rejects expiring a completed session', async ({ stripe }) => {
    const { session } = await completePaidSession(stripe);
    const err = await rejectionOf(stripe.checkout.sessions.expire(session.id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
