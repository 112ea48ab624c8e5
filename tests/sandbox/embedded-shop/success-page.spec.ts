import { randomUUID } from 'node:crypto';
import { test, expect, orderIdOf, submitBuyForm } from './kissaUnderTest';

test.describe('the embedded shop success page', () => {
  test('confirms an order only once the provider says its payment intent succeeded', async ({ page, kissa }) => {
    const token = randomUUID();
    const orderId = orderIdOf(await submitBuyForm(kissa, { product: 'sencha', token, email: 'url@example.test' }));
    const { payment_intent: paymentIntent } = (await kissa.merchantApi('GET', `/orders/${orderId}`)).body;
    const complete = `${kissa.url}/orders/complete?payment_intent=${paymentIntent}&payment_intent_client_secret=forged&redirect_status=succeeded`;

    await page.goto(complete);
    await expect(page.getByTestId('payment-not-confirmed')).toBeVisible();
    await expect(page.getByTestId('order-id')).toHaveCount(0);

    await kissa.stripe.paymentIntents.confirm(paymentIntent, {
      payment_method: 'pm_card_visa',
      return_url: 'https://shop.example.test/return',
    });
    await page.goto(complete);
    await expect(page.getByTestId('order-id')).toHaveText(orderId);
    await expect(page.getByTestId('order-status')).toHaveText('paid');
    // The same form submitted again now leads to that success page, not to a second payment.
    expect(await submitBuyForm(kissa, { product: 'sencha', token, email: 'url@example.test' })).toBe(
      `/orders/complete?payment_intent=${paymentIntent}`,
    );
  });

  test("shows nothing for a succeeded payment intent that is not one of the shop's, nor for a made-up one", async ({ page, kissa }) => {
    const foreign = await kissa.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'jpy',
      payment_method: 'pm_card_visa',
      confirm: true,
      return_url: 'https://shop.example.test/return',
    });
    expect(foreign.status).toBe('succeeded');

    for (const id of [foreign.id, 'pi_madeUp000000000000000000']) {
      const response = await page.goto(`${kissa.url}/orders/complete?payment_intent=${id}&redirect_status=succeeded`);
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId('error-page')).toBeVisible();
      await expect(page.getByTestId('order-id')).toHaveCount(0);
    }
  });
});
