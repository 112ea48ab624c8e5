import Stripe from 'stripe';
import { expect, orderFromApi, payWithoutReturning, placeOrder, test } from './shopUnderTest';

test.describe('demo shop webhooks', () => {
  test('refuses a webhook with a forged signature', async ({ shop }) => {
    const { session, orderId } = await placeOrder(shop);
    const forged = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'checkout.session.completed',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...session, status: 'complete', payment_status: 'paid' } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: forged, secret: 'whsec_not_the_shops_secret' });
    const response = await fetch(`${shop.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: forged,
    });
    expect(response.status).toBe(400);
    expect((await orderFromApi(shop, orderId)).status).toBe('pending');
  });

  test('refuses a webhook without a signature', async ({ shop }) => {
    const response = await fetch(`${shop.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  test('marks the order paid when checkout.session.completed arrives', async ({ shop }) => {
    const { session, orderId } = await placeOrder(shop);
    const payment = await payWithoutReturning(session);
    expect(payment.status, 'the provider accepts the payment').toBe(303);
    expect(payment.headers.get('location')).toBe(`${shop.url}/success?session_id=${session.id}`);
    await expect
      .poll(async () => (await orderFromApi(shop, orderId)).status, {
        message: 'the webhook marks the order paid (the success page was never opened)',
      })
      .toBe('paid');
    const order = await orderFromApi(shop, orderId);
    const paid = await shop.stripe.checkout.sessions.retrieve(session.id);
    expect(order.payment_intent).toBe(paid.payment_intent);
  });

  test('marks the order payment failed when the card is declined', async ({ shop }) => {
    const { session, orderId } = await placeOrder(shop);
    const payment = await payWithoutReturning(session, '4000000000000002');
    expect(payment.status, 'the provider shows the decline on its page').toBe(402);
    await expect
      .poll(async () => (await orderFromApi(shop, orderId)).status, {
        message: 'payment_intent.payment_failed reaches the order through the payment intent metadata',
      })
      .toBe('payment_failed');

    const retry = await payWithoutReturning(session);
    expect(retry.status).toBe(303);
    await expect.poll(async () => (await orderFromApi(shop, orderId)).status).toBe('paid');
  });
});
