import { expect, freshOrderToken, placeOrder, REFERRAL_PUBLISHABLE_KEY, REFERRAL_URL, submitCheckout, test } from './shopUnderTest';

test.describe('demo shop checkout', () => {
  test('carries the referral tracking snippet on every storefront page', async ({ shop }) => {
    const snippet = `<script src="${REFERRAL_URL}/snippet.js" data-merchant="${REFERRAL_PUBLISHABLE_KEY}" defer></script>`;
    for (const path of ['/', '/?via=alice', '/products/tshirt', '/success?session_id=cs_unknown', '/no-such-page']) {
      const body = await (await fetch(`${shop.url}${path}`)).text();
      expect(body, `${path} includes the snippet`).toContain(snippet);
    }
  });

  test('gives every render of the product page a fresh order token', async ({ shop }) => {
    const first = await freshOrderToken(shop.url);
    const second = await freshOrderToken(shop.url);
    expect(first).not.toBe(second);
  });

  test('creates one checkout session for a double submit of the same order', async ({ shop }) => {
    const token = await freshOrderToken(shop.url);
    const form = { token, email: 'ada@example.test' };
    const [first, second] = await Promise.all([submitCheckout(shop.url, form), submitCheckout(shop.url, form)]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const third = await submitCheckout(shop.url, form);
    expect(third.headers.get('location')).toBe(first.headers.get('location'));

    const sessions = await shop.stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data, 'the provider holds exactly one session').toHaveLength(1);
  });

  test('creates the checkout session the way the contract describes', async ({ shop }) => {
    const { session, orderId } = await placeOrder(shop, 'grace@example.test', 'clk_test_123');
    expect(session.mode).toBe('payment');
    expect(session.customer_email).toBe('grace@example.test');
    expect(session.client_reference_id).toBe('clk_test_123');
    expect(session.metadata).toEqual({ order_id: orderId, referral_click_id: 'clk_test_123' });
    expect(session.amount_total).toBe(2000);
    expect(session.currency).toBe('usd');
    expect(session.success_url).toBe(`${shop.url}/success?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.url).toBe(`${shop.providerUrl}/c/pay/${session.id}`);
  });

  test('leaves the click id out of the session when the customer came without a referral', async ({ shop }) => {
    const { session } = await placeOrder(shop);
    expect(session.client_reference_id).toBeNull();
    expect(session.metadata).not.toHaveProperty('referral_click_id');
  });

  test('asks again for a valid email instead of starting a payment', async ({ shop }) => {
    const response = await submitCheckout(shop.url, { token: await freshOrderToken(shop.url), email: 'not-an-email' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-testid="checkout-error"');
    const sessions = await shop.stripe.checkout.sessions.list({ limit: 10 });
    expect(sessions.data).toHaveLength(0);
  });

  test('keeps the catalogue price found by its lookup key', async ({ shop }) => {
    const prices = await shop.stripe.prices.list({ lookup_keys: ['demo_tshirt'] });
    expect(prices.data).toHaveLength(1);
    expect(prices.data[0]).toMatchObject({ unit_amount: 2000, currency: 'usd', lookup_key: 'demo_tshirt' });
  });
});
