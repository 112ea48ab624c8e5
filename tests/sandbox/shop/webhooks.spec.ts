import Stripe from 'stripe';
import { expect, orderFromApi, payOnHostedPage, placeOrder, test } from './shopUnderTest';

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

  test('marks the order paid when checkout.session.completed arrives', async ({ shop, page }) => {
    const { session, orderId } = await placeOrder(shop);
    await payOnHostedPage(page, shop, session, { skipSuccessPage: true });
    await expect.poll(async () => (await orderFromApi(shop, orderId)).status, {
      message: 'the webhook marks the order paid (the success page was never opened)',
    }).toBe('paid');
    const order = await orderFromApi(shop, orderId);
    const paid = await shop.stripe.checkout.sessions.retrieve(session.id);
    expect(order.payment_intent).toBe(paid.payment_intent);
  });
});
