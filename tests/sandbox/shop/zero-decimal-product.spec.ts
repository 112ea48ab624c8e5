import Stripe from 'stripe';
import { FaultSwitches } from '../../../sandbox/faults';
import { startProvider } from '../../../sandbox/provider/index';
import { startShop } from '../../../sandbox/shop/index';
import { expect, orderFromApi, payOnHostedPage, placeOrder, REFERRAL_PUBLISHABLE_KEY, REFERRAL_URL, test } from './shopUnderTest';

async function tenuguiPrices(stripe: Stripe): Promise<Stripe.Price[]> {
  return (await stripe.prices.list({ lookup_keys: ['demo_tenugui_jpy'], active: true })).data;
}

test.describe('the tenugui, a product priced in yen (zero-decimal)', () => {
  test('the landing page links to the t-shirt and the tenugui, each with its price', async ({ shop, page }) => {
    await page.goto(shop.url);
    await expect(page.getByTestId('product-link-tshirt')).toHaveAttribute('href', '/products/tshirt');
    await expect(page.getByTestId('product-link-tenugui')).toHaveAttribute('href', '/products/tenugui');
    await expect(page.getByTestId('product-card-price-tshirt')).toHaveText('$20.00');
    await expect(page.getByTestId('product-card-price-tenugui')).toHaveText('¥1,500');
  });

  test('its page shows ¥1,500, and the provider holds its price as 1500 jpy under demo_tenugui_jpy', async ({ shop, page }) => {
    await page.goto(`${shop.url}/products/tenugui`);
    await expect(page.getByTestId('product-name')).toHaveText('Rehearsal Tenugui');
    await expect(page.getByTestId('product-price')).toHaveText('¥1,500');
    await expect(page.getByTestId('email')).toBeVisible();
    await expect(page.getByTestId('buy-button')).toBeVisible();

    const prices = await tenuguiPrices(shop.stripe);
    expect(prices.map((price) => [price.unit_amount, price.currency, price.type])).toEqual([[1500, 'jpy', 'one_time']]);
  });

  test('is bought like the t-shirt: a 1500 jpy checkout, ¥1,500 on the success page, refunded from the admin API', async ({
    shop,
    page,
  }) => {
    const { session, orderId } = await placeOrder(shop, 'ada@example.test', undefined, 'tenugui');
    expect([session.amount_total, session.currency]).toEqual([1500, 'jpy']);

    await page.goto(session.url!);
    await expect(page.getByTestId('checkout-total')).toHaveText('¥1,500');
    await payOnHostedPage(page, shop, session);
    await expect(page.getByTestId('order-id')).toHaveText(orderId);
    await expect(page.getByTestId('order-amount')).toHaveText('¥1,500');
    await expect(page.getByTestId('order-status')).toHaveText('paid');

    const refund = await fetch(`${shop.url}/api/orders/${orderId}/refund`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminKey}` },
    });
    expect(refund.status).toBe(200);
    expect(((await refund.json()) as { refund: { amount: number } }).refund.amount).toBe(1500);
    await expect.poll(async () => (await orderFromApi(shop, orderId)).status).toBe('refunded');
  });

  test.describe('with shop.jpy-scaled-by-100', () => {
    test.use({ shopFaults: ['shop.jpy-scaled-by-100'] });

    test('the shop prices it at 150000 jpy (¥150,000) and charges that', async ({ shop, page }) => {
      const prices = await tenuguiPrices(shop.stripe);
      expect(prices.map((price) => [price.unit_amount, price.currency])).toEqual([[150000, 'jpy']]);
      await page.goto(`${shop.url}/products/tenugui`);
      await expect(page.getByTestId('product-price')).toHaveText('¥150,000');
      const { session } = await placeOrder(shop, 'ada@example.test', undefined, 'tenugui');
      expect(session.amount_total).toBe(150000);
      // The t-shirt (usd) is not affected.
      await page.goto(`${shop.url}/products/tshirt`);
      await expect(page.getByTestId('product-price')).toHaveText('$20.00');
    });
  });

  test('a shop started on a provider that holds a wrong price under the lookup key moves the key to the right price', async () => {
    const provider = await startProvider({ port: 0 });
    const start = (faults: FaultSwitches) =>
      startShop({
        port: 0,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        referralUrl: REFERRAL_URL,
        referralPublishableKey: REFERRAL_PUBLISHABLE_KEY,
        faults,
      });
    try {
      const { hostname, port } = new URL(provider.url);
      const stripe = new Stripe(provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });

      const faulty = await start(new FaultSwitches(['shop.jpy-scaled-by-100']));
      await faulty.close();
      expect(
        (await tenuguiPrices(stripe)).map((price) => price.unit_amount),
        'the faulty shop took the lookup key',
      ).toEqual([150000]);

      const correct = await start(new FaultSwitches());
      try {
        expect(
          (await tenuguiPrices(stripe)).map((price) => price.unit_amount),
          'the correct shop took it back',
        ).toEqual([1500]);
        expect(await (await fetch(`${correct.url}/products/tenugui`)).text()).toContain('¥1,500');
      } finally {
        await correct.close();
      }
    } finally {
      await provider.close();
    }
  });
});
