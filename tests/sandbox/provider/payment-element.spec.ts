import type { FrameLocator, Page } from '@playwright/test';
import type Stripe from 'stripe';
import { test as base, expect } from './support/providerLab';
import { startTestMerchant, type TestMerchant } from '../../src/run/pages/support/testMerchant';

// The provider's Stripe.js and Payment Element in a browser, on a merchant page of another origin. The frame is
// driven through its DOM contract (Stripe's input names and ids), not through src/run/pages (tests/src/run/pages does that).

const test = base.extend<{ merchant: TestMerchant }>({
  merchant: async ({ lab }, use) => {
    const merchant = await startTestMerchant(lab.provider);
    await use(merchant);
    await merchant.close();
  },
});

const AUTHENTICATION_FAILED = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Secure payment input frame"]');
}

async function typeCard(page: Page, number: string, options: { expiry?: string; cvc?: string; postalCode?: string } = {}): Promise<void> {
  const frame = cardFrame(page);
  await frame.locator('#Field-numberInput[name=number]').fill(number);
  await frame.locator('#Field-expiryInput[name=expiry]').fill(options.expiry ?? '12 / 34');
  await frame.locator('#Field-cvcInput[name=cvc]').fill(options.cvc ?? '123');
  await frame.locator('#Field-countryInput[name=country]').selectOption('US');
  await frame.locator('#Field-postalCodeInput[name=postalCode]').fill(options.postalCode ?? '94103');
}

async function newIntent(stripe: Stripe, amount = 2000): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({ amount, currency: 'usd', metadata: { order_id: 'ord_elements' } });
}

/** What `stripe.confirmPayment` resolved with on the merchant page (kept by the page as `window.confirmResult`). */
async function confirmResult(page: Page): Promise<{ error?: Record<string, unknown>; paymentIntent?: Record<string, unknown> }> {
  await page.waitForFunction(() => (window as unknown as { confirmResult?: unknown }).confirmResult !== undefined);
  return page.evaluate(
    () =>
      (window as unknown as { confirmResult: { error?: Record<string, unknown>; paymentIntent?: Record<string, unknown> } }).confirmResult,
  );
}

test('pays with 4242 and lands on the return URL with redirect_status=succeeded', async ({ page, lab, merchant }) => {
  const intent = await newIntent(lab.stripe);
  await page.goto(merchant.checkoutUrl(intent.client_secret as string));
  await typeCard(page, '4242 4242 4242 4242');
  await page.getByTestId('pay-button').click();

  await page.waitForURL(`${merchant.url}/complete?**`);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('payment_intent')).toBe(intent.id);
  expect(landed.searchParams.get('payment_intent_client_secret')).toBe(intent.client_secret);
  await expect(page.getByTestId('redirect-status')).toHaveText('succeeded');
  await expect(page.getByTestId('payment-status'), 'retrievePaymentIntent on the return page').toHaveText('succeeded');

  const paid = await lab.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge', 'payment_method'] });
  expect(paid.status).toBe('succeeded');
  expect(paid.receipt_email).toBe('buyer@example.test');
  const charge = paid.latest_charge as Stripe.Charge;
  expect(charge.payment_method_details?.card).toMatchObject({ last4: '4242', exp_month: 12, exp_year: 2034 });
  expect(charge.billing_details.address).toMatchObject({ country: 'US', postal_code: '94103' });
  const paymentMethod = paid.payment_method as Stripe.PaymentMethod;
  expect(paymentMethod).toMatchObject({ object: 'payment_method', type: 'card', card: { last4: '4242', brand: 'visa' } });
  expect(charge.payment_method).toBe(paymentMethod.id);
});

test("a declined card shows Stripe's message in the frame, resolves a card_error, and charges nothing", async ({ page, lab, merchant }) => {
  const intent = await newIntent(lab.stripe);
  await page.goto(merchant.checkoutUrl(intent.client_secret as string));
  await typeCard(page, '4000 0000 0000 9995');
  await page.getByTestId('pay-button').click();

  await expect(cardFrame(page).locator('[role=alert]')).toHaveText('Your card has insufficient funds. Try a different card.');
  await expect(page.getByTestId('merchant-message')).toHaveText('Your card has insufficient funds. Try a different card.');
  const { error } = await confirmResult(page);
  expect(error).toMatchObject({
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    payment_intent: { id: intent.id, status: 'requires_payment_method' },
  });
  expect(page.url()).toContain('/checkout');

  const after = await lab.stripe.paymentIntents.retrieve(intent.id);
  expect(after.status).toBe('requires_payment_method');
  expect(after.last_payment_error?.decline_code).toBe('insufficient_funds');
  expect((await lab.stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(0);
});

test('incomplete fields are a validation_error and never reach the API', async ({ page, lab, merchant }) => {
  const intent = await newIntent(lab.stripe);
  await page.goto(merchant.checkoutUrl(intent.client_secret as string));
  await cardFrame(page).locator('#Field-numberInput').fill('4242 4242');
  await page.getByTestId('pay-button').click();

  await expect(cardFrame(page).locator('[role=alert]')).toHaveText('Your card number is incomplete.');
  const { error } = await confirmResult(page);
  expect(error).toEqual({ type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' });
  const log = await fetch(`${lab.provider.url}/_sandbox/requests?path=/v1/payment_intents/${intent.id}/confirm`, {
    headers: { authorization: `Bearer ${lab.provider.secretKey}` },
  });
  expect(((await log.json()) as { data: unknown[] }).data).toEqual([]);
  expect((await lab.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
});

test('redirect: if_required resolves with the succeeded intent and stays on the page', async ({ page, lab, merchant }) => {
  const intent = await newIntent(lab.stripe);
  await page.goto(merchant.checkoutUrl(intent.client_secret as string, { redirect: 'if_required' }));
  await typeCard(page, '4242424242424242');
  await page.getByTestId('pay-button').click();

  const { paymentIntent, error } = await confirmResult(page);
  expect(error).toBeUndefined();
  expect(paymentIntent).toMatchObject({ id: intent.id, status: 'succeeded', client_secret: intent.client_secret });
  expect(paymentIntent, 'a browser sees no metadata').not.toHaveProperty('metadata');
  await expect(page.getByTestId('merchant-message')).toHaveText('Payment succeeded');
  expect(new URL(page.url()).pathname).toBe('/checkout');
});

test.describe('3-D Secure in the modal challenge frame', () => {
  test('Complete pays, closes the modal and redirects', async ({ page, lab, merchant }) => {
    const intent = await newIntent(lab.stripe);
    await page.goto(merchant.checkoutUrl(intent.client_secret as string));
    await typeCard(page, '4000002760003184');
    await page.getByTestId('pay-button').click();

    const challenge = page.locator('iframe[name=stripe-challenge-frame]');
    await expect(challenge).toBeVisible();
    expect((await lab.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
    await challenge.contentFrame().locator('#test-source-authorize-3ds').click();

    await page.waitForURL(`${merchant.url}/complete?**`);
    await expect(page.getByTestId('redirect-status')).toHaveText('succeeded');
    const paid = await lab.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(paid.status).toBe('succeeded');
    expect((paid.latest_charge as Stripe.Charge).payment_method_details?.card?.last4).toBe('3184');
  });

  test('Fail reports payment_intent_authentication_failure in the frame and to the merchant; nothing is charged', async ({
    page,
    lab,
    merchant,
  }) => {
    const intent = await newIntent(lab.stripe);
    await page.goto(merchant.checkoutUrl(intent.client_secret as string));
    await typeCard(page, '4000000000003220');
    await page.getByTestId('pay-button').click();

    const challenge = page.locator('iframe[name=stripe-challenge-frame]');
    await challenge.contentFrame().locator('#test-source-fail-3ds').click();
    await expect(challenge, 'the modal is removed once answered').toHaveCount(0);
    await expect(page.getByTestId('merchant-message')).toHaveText(AUTHENTICATION_FAILED);
    await expect(cardFrame(page).locator('[role=alert]')).toHaveText(AUTHENTICATION_FAILED);
    const { error } = await confirmResult(page);
    expect(error).toMatchObject({
      code: 'payment_intent_authentication_failure',
      payment_intent: { id: intent.id, status: 'requires_payment_method' },
    });

    const after = await lab.stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
    expect((await lab.stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(0);
  });
});

test("the card number never passes through the merchant's page nor into the provider's records", async ({ page, lab, merchant }) => {
  const number = '4242424242424242';
  const intent = await newIntent(lab.stripe);
  const merchantRequests: string[] = [];
  const confirmCalls: { url: string; frameUrl: string }[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(merchant.url)) merchantRequests.push(`${request.url()} ${request.postData() ?? ''}`);
    if (request.url().endsWith('/confirm')) confirmCalls.push({ url: request.url(), frameUrl: request.frame().url() });
  });
  // Everything the merchant's window receives by postMessage, as the merchant's own scripts could see it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { messagesSeen: string[] }).messagesSeen = seen;
    window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)));
  });
  await page.goto(merchant.checkoutUrl(intent.client_secret as string, { redirect: 'if_required' }));
  await typeCard(page, number);
  await page.getByTestId('pay-button').click();
  expect((await confirmResult(page)).paymentIntent?.status).toBe('succeeded');

  const messages = await page.evaluate(() => (window as unknown as { messagesSeen: string[] }).messagesSeen);
  expect(messages.length, 'the frame did talk to the page').toBeGreaterThan(0);
  for (const seen of [...messages, ...merchantRequests]) expect(seen).not.toContain(number);
  expect(confirmCalls).toHaveLength(1);
  expect(new URL(confirmCalls[0]!.frameUrl).origin, 'the confirm call comes from the provider frame').toBe(lab.provider.url);

  const readAll = async (path: string) =>
    (await fetch(`${lab.provider.url}${path}`, { headers: { authorization: `Bearer ${lab.provider.secretKey}` } })).text();
  const paid = await lab.stripe.paymentIntents.retrieve(intent.id);
  for (const path of [
    '/_sandbox/requests?limit=1000',
    '/v1/events?limit=100',
    `/v1/payment_methods/${paid.payment_method as string}`,
    `/v1/payment_intents/${intent.id}`,
  ]) {
    const text = await readAll(path);
    expect(text.length).toBeGreaterThan(0);
    expect(text, path).not.toContain(number);
  }
});
