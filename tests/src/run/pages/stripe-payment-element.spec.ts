import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { scanForLeaks } from '../../../../src/guards/leakScan/scanForLeaks';
import { paymentIntentFromClientSecret, StripePaymentElement } from '../../../../src/run/pages/stripePaymentElement';
import { TEST_CARDS } from '../../../../src/model/target/testCards';
import { test, expect, CUSTOMER, type StripePagesLab } from './support/stripePagesLab';

// The Payment Element page object on the test merchant's page (the provider's Stripe.js, another origin).

const AUTHENTICATION_FAILED = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

async function newIntent(lab: StripePagesLab): Promise<Stripe.PaymentIntent> {
  return lab.stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
}

test('paymentIntentFromClientSecret names the intent of a client secret, and nothing else', () => {
  expect(paymentIntentFromClientSecret('pi_3Abc123_secret_XyZ987')).toEqual({ kind: 'payment_intent', id: 'pi_3Abc123' });
  expect(paymentIntentFromClientSecret('seti_3Abc123_secret_XyZ987')).toBeUndefined();
  expect(paymentIntentFromClientSecret('pi_3Abc123')).toBeUndefined();
});

test("fills the element; the merchant's Pay button pays and Stripe.js returns to the merchant", async ({ page, lab }) => {
  const intent = await newIntent(lab);
  await page.goto(lab.merchant.checkoutUrl(intent.client_secret as string));
  const element = new StripePaymentElement(page);
  const filled = await element.fill(TEST_CARDS.succeeds, CUSTOMER);
  expect(filled.payment).toEqual({ kind: 'payment_intent', id: intent.id });
  expect(filled.cardFields).toHaveLength(3);
  for (const field of filled.cardFields) await expect(field, 'a card field inside the frame').toBeVisible();

  await page.getByTestId('pay-button').click();
  await page.waitForURL(`${lab.merchant.url}/complete?**`);
  await expect(page.getByTestId('redirect-status')).toHaveText('succeeded');
  expect((await lab.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test('a decline shows in the element (message())', async ({ page, lab }) => {
  const intent = await newIntent(lab);
  await page.goto(lab.merchant.checkoutUrl(intent.client_secret as string));
  const element = new StripePaymentElement(page);
  await element.fill(TEST_CARDS.declined, CUSTOMER);
  await page.getByTestId('pay-button').click();
  await expect(element.message()).toHaveText('Your card was declined.');
});

test('answers 3-D Secure: Complete pays', async ({ page, lab }) => {
  const intent = await newIntent(lab);
  await page.goto(lab.merchant.checkoutUrl(intent.client_secret as string));
  const element = new StripePaymentElement(page);
  await element.fill(TEST_CARDS.threeDSecureRequired, CUSTOMER);
  await page.getByTestId('pay-button').click();
  await element.answerThreeDSecure('complete');
  await page.waitForURL(`${lab.merchant.url}/complete?**`);
  expect((await lab.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test('answers 3-D Secure: Fail leaves the customer on the page with the reason', async ({ page, lab }) => {
  const intent = await newIntent(lab);
  await page.goto(lab.merchant.checkoutUrl(intent.client_secret as string));
  const element = new StripePaymentElement(page);
  await element.fill(TEST_CARDS.threeDSecureRequired, CUSTOMER);
  await page.getByTestId('pay-button').click();
  await element.answerThreeDSecure('fail');
  await expect(element.threeDSecureChallenge()).toHaveCount(0);
  await expect(element.message()).toHaveText(AUTHENTICATION_FAILED);
  await expect(page.getByTestId('merchant-message')).toHaveText(AUTHENTICATION_FAILED);
  expect((await lab.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
});

test("keeps the card typed into the frame out of the trace's action log and DOM snapshots", async ({ browser, lab }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payment-element-trace-'));
  try {
    const intent = await newIntent(lab);
    const context = await browser.newContext();
    const trace = path.join(dir, 'trace.zip');
    await context.tracing.start({ screenshots: true, snapshots: true });
    const page = await context.newPage();
    await page.goto(lab.merchant.checkoutUrl(intent.client_secret as string, { redirect: 'if_required' }));
    await new StripePaymentElement(page).fill(TEST_CARDS.succeeds, CUSTOMER);
    // A later action snapshots the DOM (frames included) before and after.
    await page.getByTestId('pay-button').click();
    await expect(page.getByTestId('merchant-message')).toHaveText('Payment succeeded');
    await context.tracing.stop({ path: trace });
    await context.close();
    expect(
      (await lab.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] })).status,
      'the real number reached the provider',
    ).toBe('succeeded');
    // trace.trace holds every action's parameters and every DOM snapshot, the frame's inputs included. (The trace's
    // network log does hold the frame's own POST to the provider, which is why the project keeps tracing off.)
    const leaks = await scanForLeaks([trace]);
    expect(leaks.filter((leak) => leak.entry === 'trace.trace')).toEqual([]);
    expect(
      leaks.every((leak) => leak.entry === 'trace.network' || (leak.entry ?? '').startsWith('resources/')),
      JSON.stringify(leaks),
    ).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
