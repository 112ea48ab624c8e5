import { expect, orderFromApi, placeOrder, test, type ShopUnderTest } from './shopUnderTest';
import { balanceAvailable, postWebhook, providerEvent } from './webhookPosts';

/** A checkout.session.completed for the shop's open order, as a forger would write it. */
async function paidSessionEvent(shop: ShopUnderTest, options: { livemode?: boolean } = {}) {
  const { session, orderId } = await placeOrder(shop);
  const event = providerEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'paid' }, options);
  return { event, orderId };
}

const TEN_MINUTES = 600;

test.describe('demo shop webhook endpoint guards', () => {
  test('answers a correctly signed event of its own mode with 200', async ({ shop }) => {
    const response = await postWebhook(shop.url, balanceAvailable(), { secret: shop.webhookSecret });
    expect(response.status).toBe(200);
  });

  test('refuses an unsigned event; with shop.accept-unsigned-webhooks it trusts the body', async ({ shop }) => {
    const { event, orderId } = await paidSessionEvent(shop);
    expect((await postWebhook(shop.url, event)).status).toBe(400);
    expect((await orderFromApi(shop, orderId)).status).toBe('pending');

    shop.faults.enable('shop.accept-unsigned-webhooks');
    expect((await postWebhook(shop.url, event)).status).toBe(200);
    expect((await orderFromApi(shop, orderId)).status, 'the unsigned event marked the order paid').toBe('paid');
  });

  test('refuses an event signed with another secret; with shop.accept-unsigned-webhooks it trusts it', async ({ shop }) => {
    const { event, orderId } = await paidSessionEvent(shop);
    const forged = { secret: 'whsec_not_the_shops_secret_at_all' };
    expect((await postWebhook(shop.url, event, forged)).status).toBe(400);

    shop.faults.enable('shop.accept-unsigned-webhooks');
    expect((await postWebhook(shop.url, event, forged)).status).toBe(200);
    expect((await orderFromApi(shop, orderId)).status).toBe('paid');
  });

  test('refuses a correctly signed event whose signature is 10 minutes old; with shop.ignore-webhook-timestamp it accepts it', async ({
    shop,
  }) => {
    const stale = { secret: shop.webhookSecret, timestamp: Math.floor(Date.now() / 1000) - TEN_MINUTES };
    expect((await postWebhook(shop.url, balanceAvailable(), stale)).status).toBe(400);

    shop.faults.enable('shop.ignore-webhook-timestamp');
    expect((await postWebhook(shop.url, balanceAvailable(), stale)).status).toBe(200);
    // The HMAC is still checked: a stale event signed with another secret stays refused.
    expect((await postWebhook(shop.url, balanceAvailable(), { ...stale, secret: 'whsec_not_the_shops_secret_at_all' })).status).toBe(400);
  });

  test('refuses a correctly signed live-mode event at a test-mode shop; with shop.accept-other-mode-events it handles it', async ({
    shop,
  }) => {
    const { event, orderId } = await paidSessionEvent(shop, { livemode: true });
    expect((await postWebhook(shop.url, event, { secret: shop.webhookSecret })).status).toBe(400);
    expect((await orderFromApi(shop, orderId)).status).toBe('pending');

    shop.faults.enable('shop.accept-other-mode-events');
    expect((await postWebhook(shop.url, event, { secret: shop.webhookSecret })).status).toBe(200);
    expect((await orderFromApi(shop, orderId)).status, 'the live event fulfilled a test order').toBe('paid');
  });

  test('answers at once; with shop.slow-webhook-response it keeps the provider waiting beyond its timeout', async ({ shop }) => {
    const started = Date.now();
    expect((await postWebhook(shop.url, balanceAvailable(), { secret: shop.webhookSecret })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);

    shop.faults.enable('shop.slow-webhook-response');
    const slow = postWebhook(shop.url, balanceAvailable(), { secret: shop.webhookSecret }, AbortSignal.timeout(3_000));
    await expect(slow, 'no answer within 3 s (the shop answers after 12 s)').rejects.toThrow(/abort|timeout/i);
  });
});
