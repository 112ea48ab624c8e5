import type { Page } from '@playwright/test';
import { expect, placeOrder, test, type ShopUnderTest } from './shopUnderTest';
import { fillAndSubmitHostedPage, startSubscription } from './subscriptionSupport';

const FRIENDLY = {
  declined: 'Your card was declined. Try another card or contact your bank.',
  insufficientFunds: 'Your card has insufficient funds. Try another card or contact your bank.',
  expired: 'Your card has expired. Check the expiry date or try another card.',
  threeDSecure: 'We could not confirm your card with your bank (3-D Secure). Try again, or use another card.',
};

/** What a customer must never be shown: the provider's error type, codes, or anything like an exception. */
const RAW_ERROR =
  /card_error|card_declined|generic_decline|insufficient_funds|expired_card|decline_code|authentication_failure|invalid_request|Stripe|Error:|at .*\.ts/;

/** Pays with a card that does not go through (answering a 3-D Secure challenge with Fail), then takes the Back link. */
async function declineAndGoBack(page: Page, shop: ShopUnderTest, card: string): Promise<void> {
  await fillAndSubmitHostedPage(page, card);
  const challenge = page.getByTestId('three-d-secure-challenge');
  await expect(page.getByTestId('card-error').or(challenge).first()).toBeVisible();
  if (await challenge.isVisible()) await page.getByTestId('three-d-secure-fail').click();
  await expect(page.getByTestId('card-error'), 'the payment page shows the decline').toBeVisible();
  await Promise.all([page.waitForURL(`${shop.url}/checkout/canceled**`), page.getByTestId('cancel-link').click()]);
}

test.describe('demo shop declines', () => {
  const cases = [
    { card: '4000000000000002', name: 'a generic decline', message: FRIENDLY.declined },
    { card: '4000000000009995', name: 'insufficient funds', message: FRIENDLY.insufficientFunds },
    { card: '4000000000000069', name: 'an expired card', message: FRIENDLY.expired },
    { card: '4000002760003184', name: 'a failed 3-D Secure challenge', message: FRIENDLY.threeDSecure },
  ];

  test('shows a friendly message for each decline code and no error code', async ({ shop, page }) => {
    for (const { card, name, message } of cases) {
      await test.step(name, async () => {
        const { session } = await placeOrder(shop);
        await page.goto(session.url!);
        await declineAndGoBack(page, shop, card);
        await expect(page.getByTestId('payment-problem')).toHaveText(message);
        await expect(page.getByTestId('not-charged')).toHaveText('You have not been charged.');
        expect(await page.locator('body').innerText()).not.toMatch(RAW_ERROR);
        // Try again leads back to the same open payment page.
        await expect(page.getByTestId('retry-payment')).toHaveAttribute('href', session.url!);
      });
    }
  });

  // A subscription-mode Checkout Session has no payment_intent at Stripe, and no invoice before it completes: the shop
  // cannot learn why the customer came back, so it says only that nothing was charged (the payment page said why).
  test('says nothing was charged, with no error code, when a subscription payment is declined', async ({ shop, page }) => {
    await startSubscription(page, shop);
    await declineAndGoBack(page, shop, '4000000000009995');
    await expect(page.getByTestId('checkout-canceled')).toHaveText('You have not been charged.');
    await expect(page.getByTestId('payment-problem')).toHaveCount(0);
    expect(await page.locator('body').innerText()).not.toMatch(RAW_ERROR);
    await expect(page.getByTestId('back-to-shop')).toHaveAttribute('href', '/pricing');
  });

  test('says only that nothing was charged when the customer simply goes back', async ({ shop, page }) => {
    const { session } = await placeOrder(shop);
    await page.goto(session.url!);
    await Promise.all([page.waitForURL(`${shop.url}/checkout/canceled**`), page.getByTestId('cancel-link').click()]);
    await expect(page.getByTestId('checkout-canceled')).toHaveText('You have not been charged.');
    await expect(page.getByTestId('payment-problem')).toHaveCount(0);
    await page.getByTestId('back-to-shop').click();
    await expect(page.getByTestId('buy-button')).toBeVisible();
  });

  test('shows nothing about a checkout the link does not really name', async ({ shop }) => {
    const { session } = await placeOrder(shop);
    for (const query of [
      'session_id=cs_test_made_up',
      'order=ord_0000000000000000',
      `session_id=${session.id}&order=ord_0000000000000000`,
      '',
    ]) {
      const response = await fetch(`${shop.url}/checkout/canceled?${query}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('data-testid="checkout-canceled"');
      expect(body).not.toContain(session.id);
    }
  });

  test('shows the raw error when the raw-decline fault is on', async ({ shop, page }) => {
    shop.faults.enable('shop.raw-decline-error');
    const { session } = await placeOrder(shop);
    await page.goto(session.url!);
    await declineAndGoBack(page, shop, '4000000000000002');
    await expect(page.getByTestId('payment-problem')).toContainText('card_error');
    await expect(page.getByTestId('payment-problem')).toContainText('card_declined');
    await expect(page.getByTestId('payment-problem')).not.toHaveText(FRIENDLY.declined);
  });

  test('keeps the old product page cancel notice working', async ({ shop }) => {
    const body = await (await fetch(`${shop.url}/products/tshirt?canceled=1`)).text();
    expect(body).toContain('data-testid="checkout-canceled"');
  });
});
