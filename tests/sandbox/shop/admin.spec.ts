import { expect, orderFromApi, payOnHostedPage, placeOrder, test } from './shopUnderTest';

test.describe('demo shop admin', () => {
  test('keeps the orders behind the admin key', async ({ shop }) => {
    const orders = await fetch(`${shop.url}/admin/orders`, { redirect: 'manual' });
    expect(orders.status).toBe(303);
    expect(orders.headers.get('location')).toBe('/admin/login');

    const wrongLogin = await fetch(`${shop.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'admin_key=not-the-key',
    });
    expect(wrongLogin.status).toBe(401);
    expect(wrongLogin.headers.get('set-cookie')).toBeNull();

    const api = await fetch(`${shop.url}/api/orders/ord_any`, { headers: { authorization: 'Bearer not-the-key' } });
    expect(api.status).toBe(401);
  });

  test('signs in with an httpOnly cookie that is not the admin key', async ({ shop }) => {
    const login = await fetch(`${shop.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ admin_key: shop.adminKey }).toString(),
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain(shop.adminKey);
    const orders = await fetch(`${shop.url}/admin/orders`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(orders.status).toBe(200);
  });

  test('refunds from the admin and shows refunded once the provider confirms it', async ({ shop, page }) => {
    const { session, orderId } = await placeOrder(shop);
    await payOnHostedPage(page, shop, session);

    await page.goto(`${shop.url}/admin/login`);
    await page.getByTestId('admin-key').fill(shop.adminKey);
    await page.getByTestId('admin-login').click();
    await expect(page.getByTestId(`order-status-${orderId}`)).toHaveText('paid');
    await page.getByTestId(`refund-button-${orderId}`).click();
    await expect(page.getByTestId(`order-status-${orderId}`)).toHaveText(/refund pending|refunded/);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`order-status-${orderId}`)).toHaveText('refunded', { timeout: 500 });
    }).toPass();
    await expect(page.getByTestId(`refund-button-${orderId}`)).toHaveCount(0);

    const refunds = await shop.stripe.refunds.list({ payment_intent: (await orderFromApi(shop, orderId)).payment_intent as string });
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]!.amount).toBe(2000);
  });

  test('refunds part of an order through the API, once per request', async ({ shop, page }) => {
    const { session, orderId } = await placeOrder(shop);
    await payOnHostedPage(page, shop, session);
    const refund = () =>
      fetch(`${shop.url}/api/orders/${orderId}/refund`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 500 }),
      });
    const [first, second] = await Promise.all([refund(), refund()]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const [a, b] = [(await first.json()) as { refund: { id: string } }, (await second.json()) as { refund: { id: string } }];
    expect(b.refund.id, 'a double request is one refund').toBe(a.refund.id);

    await expect.poll(async () => (await orderFromApi(shop, orderId)).status).toBe('partially_refunded');
    expect(await orderFromApi(shop, orderId)).toMatchObject({ amount_refunded: 500 });

    const tooMuch = await fetch(`${shop.url}/api/orders/${orderId}/refund`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1600 }),
    });
    expect(tooMuch.status).toBe(400);
  });

  test('refuses to refund an order that is not paid', async ({ shop }) => {
    const { orderId } = await placeOrder(shop);
    const response = await fetch(`${shop.url}/api/orders/${orderId}/refund`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminKey}` },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not been paid/);
  });
});
