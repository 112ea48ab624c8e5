import { expect, payOnHostedPage, placeOrder, test } from './shopUnderTest';

test.describe('demo shop success page', () => {
  test('shows no order on the success page for a session that is not paid', async ({ shop, page }) => {
    const { session, orderId } = await placeOrder(shop);
    await page.goto(`${shop.url}/success?session_id=${session.id}`);
    await expect(page.getByTestId('payment-not-confirmed')).toBeVisible();
    await expect(page.getByTestId('order-id')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(orderId);
  });

  test('shows no order for a session the shop did not create', async ({ shop }) => {
    const price = (await shop.stripe.prices.list({ lookup_keys: ['demo_tshirt'] })).data[0]!;
    const foreign = await shop.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://127.0.0.1:9/done',
      metadata: { order_id: 'ord_made_up' },
    });
    const response = await fetch(`${shop.url}/success?session_id=${foreign.id}`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('data-testid="order-id"');
    expect(body).not.toContain('ord_made_up');
  });

  test('shows a friendly page, not a provider error, for an unknown session', async ({ shop }) => {
    const response = await fetch(`${shop.url}/success?session_id=cs_test_does_not_exist`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('data-testid="error-page"');
    expect(body).not.toMatch(/No such|resource_missing|Stripe/);
  });

  test('shows the paid order once the provider confirms the payment', async ({ shop, page }) => {
    const { session, orderId } = await placeOrder(shop, 'ada@example.test');
    await payOnHostedPage(page, shop, session);
    await expect(page.getByTestId('order-id')).toHaveText(orderId);
    await expect(page.getByTestId('order-status')).toHaveText('paid');
    await expect(page.getByTestId('order-amount')).toHaveText('$20.00');
    await expect(page.getByTestId('checkout-session-id')).toHaveText(session.id);
    await expect(page.getByTestId('customer-email')).toHaveText('ada@example.test');
  });
});
