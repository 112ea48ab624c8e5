import Stripe from 'stripe';
import {
  ADMIN_KEY,
  buyLantern,
  deliveriesToShop,
  expect,
  getPage,
  hiddenField,
  outputText,
  payOnCheckout,
  sessionIdOf,
  submitForm,
  test,
  type LanternUnderTest,
} from './lanternUnderTest';

const CS_ID = /^cs_test_[A-Za-z0-9]+$/;

/** The order as the shop's API gives it. */
async function orderFromApi(lantern: LanternUnderTest, orderId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${lantern.url}/api/orders/${orderId}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function postWebhook(lantern: LanternUnderTest, payload: string, signature?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['stripe-signature'] = signature;
  return fetch(`${lantern.url}/stripe/webhook`, { method: 'POST', headers, body: payload });
}

function eventPayload(fields: { id: string; livemode: boolean; type?: string }): string {
  return JSON.stringify({
    id: fields.id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'prod_lantern_test', object: 'product', name: 'Brass desk lantern' } },
    livemode: fields.livemode,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: fields.type ?? 'product.updated',
  });
}

test.describe('Lantern & Co., the third example merchant', () => {
  test('sells the lantern through hosted Checkout without asking for an email, and shows the paid order with its payment reference', async ({
    lantern,
  }) => {
    const home = await getPage(`${lantern.url}/`);
    expect(home).toContain('<title>Home · Lantern &amp; Co.</title>');
    expect(home).toContain('<h1>Lantern &amp; Co.</h1>');
    expect(home).toContain('$120.00');
    expect(home).toContain('<button type="submit">Buy now</button>');
    expect(home).toContain('<a href="/club">Join the Oil Club</a>');
    expect(home, 'the shop collects no email').not.toMatch(/type="email"|name="email"/);

    const token = hiddenField(home, 'order_token');
    const sessionId = sessionIdOf(await submitForm(`${lantern.url}/buy`, { order_token: token }));
    const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
    expect(session.mode).toBe('payment');
    expect(session.customer_email).toBeNull();
    expect(session.client_reference_id).toMatch(/^LC-[A-Z0-9]{8}$/);
    expect(session.metadata?.order_id).toBe(session.client_reference_id);
    expect(session.success_url).toBe(`${lantern.url}/thanks?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.cancel_url).toBe(`${lantern.url}/cart?canceled=1`);

    const thanksUrl = await payOnCheckout(lantern, sessionId);
    expect(thanksUrl).toBe(`${lantern.url}/thanks?session_id=${sessionId}`);
    const thanks = await getPage(thanksUrl);
    expect(thanks).toContain('<h1>Thank you for your order</h1>');
    expect(outputText(thanks, 'order-id')).toBe(session.client_reference_id);
    expect(outputText(thanks, 'order-amount')).toBe('$120.00');
    expect(outputText(thanks, 'order-status')).toBe('Paid');
    expect(outputText(thanks, 'payment-reference')).toMatch(CS_ID);
    expect(thanks).toContain(`<label for="payment-reference">Payment:</label> <output id="payment-reference">${sessionId}</output>`);
  });

  test('the same order form submitted twice, at once and after paying, leads to one session and then to the thanks page', async ({
    lantern,
  }) => {
    const token = hiddenField(await getPage(`${lantern.url}/`), 'order_token');
    const [first, second] = await Promise.all([
      submitForm(`${lantern.url}/buy`, { order_token: token }),
      submitForm(`${lantern.url}/buy`, { order_token: token }),
    ]);
    const sessionId = sessionIdOf(first);
    expect(sessionIdOf(second), 'a double click goes to the same payment page').toBe(sessionId);
    await payOnCheckout(lantern, sessionId);

    const back = await submitForm(`${lantern.url}/buy`, { order_token: token });
    expect(back.status).toBe(303);
    expect(back.headers.get('location'), 'the back button after paying leads to the order, not to a second payment').toBe(
      `/thanks?session_id=${sessionId}`,
    );
    expect((await lantern.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);
    expect((await lantern.stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.status === 'succeeded')).toHaveLength(1);
  });

  test('an order form whose session expired gets a new session for the same order', async ({ lantern }) => {
    const token = hiddenField(await getPage(`${lantern.url}/`), 'order_token');
    const firstId = sessionIdOf(await submitForm(`${lantern.url}/buy`, { order_token: token }));
    await lantern.stripe.checkout.sessions.expire(firstId);
    const secondId = sessionIdOf(await submitForm(`${lantern.url}/buy`, { order_token: token }));
    expect(secondId).not.toBe(firstId);
    const [first, second] = await Promise.all([firstId, secondId].map((id) => lantern.stripe.checkout.sessions.retrieve(id)));
    expect(second!.client_reference_id, 'still the same order').toBe(first!.client_reference_id);
  });

  test('refuses an order form the shop never served', async ({ lantern }) => {
    const res = await submitForm(`${lantern.url}/buy`, { order_token: 'made-up-token' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<h1>This form has expired</h1>');
    expect((await lantern.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(0);
  });

  test('the thanks page refuses an unpaid session and one that is not an order of the shop', async ({ lantern }) => {
    const token = hiddenField(await getPage(`${lantern.url}/`), 'order_token');
    const unpaidId = sessionIdOf(await submitForm(`${lantern.url}/buy`, { order_token: token }));
    const unpaid = await getPage(`${lantern.url}/thanks?session_id=${unpaidId}`, 402);
    expect(unpaid).toContain('We could not confirm this payment');
    expect(outputText(unpaid, 'order-status')).toBeUndefined();

    const price = (await lantern.stripe.prices.list({ lookup_keys: ['lantern_desk_lantern'] })).data[0]!;
    const foreign = await lantern.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://elsewhere.example/ok',
    });
    await payOnCheckout(lantern, foreign.id);
    const page = await getPage(`${lantern.url}/thanks?session_id=${foreign.id}`, 404);
    expect(page).toContain('We could not confirm this payment');
    expect(page).not.toContain('Paid');

    await getPage(`${lantern.url}/thanks?session_id=cs_test_a1NoSuchSession`, 404);
    await getPage(`${lantern.url}/thanks`, 400);
  });

  test('says which lookup key is missing when the catalogue has not been created', async ({ lantern }) => {
    for (const price of (await lantern.stripe.prices.list({ limit: 100 })).data)
      await lantern.stripe.prices.update(price.id, { active: false });
    const home = await getPage(`${lantern.url}/`, 503);
    expect(home).toContain('no active price with the lookup key &quot;lantern_desk_lantern&quot;');
    expect(home).not.toContain('Buy now');
    const club = await getPage(`${lantern.url}/club`, 503);
    expect(club).toContain('lantern_oil_club_monthly');
  });

  test('Checkout’s back link lands on a page saying nothing was charged', async ({ lantern }) => {
    const cart = await getPage(`${lantern.url}/cart?canceled=1`);
    expect(cart).toContain('Your payment was not completed. No charge was made.');
    expect(cart).toContain('<a href="/">Back to the shop</a>');
  });

  test('accepts a signed event of any type, and refuses an unsigned, a wrongly signed or an other-mode one with 400', async ({
    lantern,
  }) => {
    const signed = eventPayload({ id: 'evt_lantern_signed', livemode: false });
    const ok = await postWebhook(
      lantern,
      signed,
      Stripe.webhooks.generateTestHeaderString({ payload: signed, secret: lantern.webhookSecret }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });

    expect((await postWebhook(lantern, signed)).status, 'no signature').toBe(400);
    const forged = Stripe.webhooks.generateTestHeaderString({ payload: signed, secret: 'whsec_not_the_shops_secret' });
    expect((await postWebhook(lantern, signed, forged)).status, 'another secret').toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload: signed,
      secret: lantern.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect((await postWebhook(lantern, signed, stale)).status, 'older than 5 minutes').toBe(400);

    const live = eventPayload({ id: 'evt_lantern_live', livemode: true });
    const liveResponse = await postWebhook(
      lantern,
      live,
      Stripe.webhooks.generateTestHeaderString({ payload: live, secret: lantern.webhookSecret }),
    );
    expect(liveResponse.status, 'a live event at a test-mode shop').toBe(400);
  });

  test('answers every event the provider delivers for a purchase with 200', async ({ lantern }) => {
    const { orderId } = await buyLantern(lantern);
    await expect
      .poll(async () => (await orderFromApi(lantern, orderId)).body.status, { message: 'checkout.session.completed marks the order paid' })
      .toBe('paid');
    const deliveries = await deliveriesToShop(lantern);
    expect(deliveries.map((d) => d.event_type)).toContain('checkout.session.completed');
    expect(
      deliveries.filter((d) => d.response_status !== 200),
      'deliveries not answered 200',
    ).toEqual([]);
  });

  test('refunds an order through its API only with the admin key, once, and shows it refunded', async ({ lantern }) => {
    const { orderId, thanksUrl } = await buyLantern(lantern);
    const refundUrl = `${lantern.url}/api/orders/${orderId}/refund`;
    const anonymous = await fetch(refundUrl, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.stringContaining('Bearer') });
    expect((await fetch(refundUrl, { method: 'POST', headers: { authorization: 'Bearer wrong-key' } })).status).toBe(401);
    expect((await fetch(`${lantern.url}/api/orders/${orderId}`)).status).toBe(401);

    const refund = await fetch(refundUrl, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(refund.status).toBe(200);
    const body = (await refund.json()) as { order: string; status: string; refund: string };
    expect(body).toEqual({ order: orderId, status: 'refunded', refund: expect.stringMatching(/^re_/) });

    const again = await fetch(refundUrl, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(await again.json(), 'a second call refunds nothing more').toEqual(body);
    const sessionId = new URL(thanksUrl).searchParams.get('session_id')!;
    const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
    const paymentIntent = session.payment_intent as string;
    expect((await lantern.stripe.refunds.list({ payment_intent: paymentIntent })).data).toHaveLength(1);

    const order = await orderFromApi(lantern, orderId);
    expect(order.body).toMatchObject({
      id: orderId,
      status: 'refunded',
      payment: { session: sessionId, payment_intent: paymentIntent },
      amount: 12_000,
      currency: 'usd',
    });
    expect(outputText(await getPage(thanksUrl), 'order-status')).toBe('Refunded');
    expect((await orderFromApi(lantern, 'LC-NOSUCHID')).status).toBe(404);
  });

  test('a refund made at the provider reaches the order through charge.refunded', async ({ lantern }) => {
    const { orderId, sessionId } = await buyLantern(lantern);
    const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
    await lantern.stripe.refunds.create({ payment_intent: session.payment_intent as string, amount: 2_000 });
    await expect.poll(async () => (await orderFromApi(lantern, orderId)).body.status).toBe('partially_refunded');
    await lantern.stripe.refunds.create({ payment_intent: session.payment_intent as string });
    await expect.poll(async () => (await orderFromApi(lantern, orderId)).body.status).toBe('refunded');
  });
});
