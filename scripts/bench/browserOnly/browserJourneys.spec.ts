// Stage C of `npm run bench`: the browser steps of every scenario, through the target's flows only: no provider or
// referral polling, no evidence, no webhook sink, no checks. Mirrors scenarios/*.spec.ts step by step (and preflight's
// customer pages) so that "full rehearsal ÷ this" is the harness's overhead. Steps that need state only an API creates
// (test clocks, provider refunds, fault injection, event redelivery) are left out, each with a comment.
import { test as base, type Page } from '@playwright/test';
import { targetFixtures, type TargetWorkerFixtures } from '../../../fixtures/targetFixtures';
import { TEST_PAYMENT_CARD } from '../../../src/guards/liveMode/liveCard';
import { newRunId } from '../../../src/base/runId';
import type { Card, Customer, MerchantOrder, Target, TargetFlows, TargetProduct } from '../../../src/model/target/contract';
import { TEST_CARDS } from '../../../src/model/target/testCards';
import { referralPartner } from '../../../src/model/target/referralProgramme';
import { runCustomer } from '../../../fixtures/journey/runCustomer';

interface BrowserOnlyFixtures {
  /** The target's browser flows on this test's page, nothing wrapped around them. */
  flows: TargetFlows;
  /** A fresh run id per test, as the scenarios' runFixtures make one. */
  runId: string;
}

const test = base.extend<{}, TargetWorkerFixtures>(targetFixtures).extend<BrowserOnlyFixtures>({
  flows: async ({ page, target, targetEnvironment }, use) => use(target.flows(page, targetEnvironment)),

  runId: async ({}, use) => use(newRunId()),
});

/** The decline cases of scenarios/declines.spec.ts. */
const DECLINES: { name: string; card: Card; threeDSecure?: 'fail' }[] = [
  { name: 'a declined card', card: TEST_CARDS.declined },
  { name: 'a card with insufficient funds', card: TEST_CARDS.insufficientFunds },
  { name: 'an expired card', card: TEST_CARDS.expired },
  { name: 'a 3-D Secure card the customer fails to confirm', card: TEST_CARDS.threeDSecureRequired, threeDSecure: 'fail' },
];

/** Open the link, buy, read the order: the browser half of fixtures/journey/purchase.ts (no provider read-back). */
async function buy(flows: TargetFlows, product: TargetProduct, customer: Customer): Promise<MerchantOrder> {
  await flows.startCheckout(product.slug, customer);
  await flows.fillPayment(TEST_PAYMENT_CARD, customer);
  await flows.submitPayment();
  return flows.readOrder();
}

/** The merchant's own refund, when it is a browser step (admin UI); a merchant API or a provider refund is not. */
async function refundInBrowser(target: Target, flows: TargetFlows, orderId: string): Promise<void> {
  if (target.capabilities.refunds === 'merchant-admin-ui' && flows.refundOrder) await flows.refundOrder(orderId);
}

async function openReferralLink(flows: TargetFlows, target: Target, runId: string): Promise<void> {
  await flows.openReferralLink(referralPartner(target).key, runId);
}

test('preflight: opens every customer page', async ({ page, target, targetEnvironment }) => {
  // Preflight's only browser work is loading each customer page to scan it for secrets (browser.no-secret-keys).
  for (const path of target.goLive.customerPages) await openPage(page, new URL(path, targetEnvironment.merchant.baseUrl).toString());
});

test('referral-purchase-refund: link, buy, read the order, refund', async ({ target, flows, runId }) => {
  const product = target.catalogue.product!;
  test.skip(!product, 'the target sells no one-time product');
  await openReferralLink(flows, target, runId);
  const order = await buy(flows, product, runCustomer(runId, TEST_PAYMENT_CARD, product.currency));
  // The scenario's partial refund is made at the provider (an API call): left out.
  await refundInBrowser(target, flows, order.orderId);
});

test('zero-decimal-purchase: link, buy in a zero-decimal currency, refund', async ({ target, flows, runId }) => {
  const product = target.catalogue.zeroDecimalProduct;
  test.skip(!product, 'the target sells no zero-decimal product');
  await openReferralLink(flows, target, runId);
  const order = await buy(flows, product!, runCustomer(runId, TEST_PAYMENT_CARD, product!.currency));
  await refundInBrowser(target, flows, order.orderId);
});

for (const decline of DECLINES) {
  test(`declines: pays with ${decline.name}`, async ({ target, flows, runId }) => {
    test.skip(!flows.submitPaymentExpectingDecline, 'the target has no submitPaymentExpectingDecline');
    const product = target.catalogue.product!;
    test.skip(!product, 'the target sells no one-time product');
    const customer = runCustomer(runId, TEST_PAYMENT_CARD, product.currency);
    await openReferralLink(flows, target, runId);
    await flows.startCheckout(product.slug, customer);
    const filled = await flows.fillPayment(decline.card, customer);
    await flows.submitPaymentExpectingDecline!({ threeDSecure: decline.threeDSecure });
    if (flows.returnToMerchantAfterDecline) await flows.returnToMerchantAfterDecline();
    if (flows.openSuccessPage && filled.payment) await flows.openSuccessPage(filled.payment);
  });
}

test('duplicate-submit: double click Buy, pay, go back and resubmit, reload the receipt', async ({ target, flows, runId }) => {
  test.skip(!flows.startCheckoutWithDoubleClick, 'the target has no startCheckoutWithDoubleClick');
  const product = target.catalogue.product!;
  test.skip(!product, 'the target sells no one-time product');
  const customer = runCustomer(runId, TEST_PAYMENT_CARD, product.currency);
  await openReferralLink(flows, target, runId);
  await flows.startCheckoutWithDoubleClick!(product.slug, customer);
  await flows.fillPayment(TEST_CARDS.succeeds, customer);
  await flows.submitPayment();
  const order = await flows.readOrder();
  if (flows.goBackAndResubmitOrder) {
    if ((await flows.goBackAndResubmitOrder()) === 'payment-page') {
      await flows.fillPayment(TEST_CARDS.succeeds, customer);
      await flows.submitPayment();
    }
    await flows.readOrder();
  }
  if (flows.reloadSuccessPage) await flows.reloadSuccessPage();
  // Step 6 delivers the payment event again through the API (left out), then reads the order again in the browser.
  if (flows.reloadSuccessPage) await flows.reloadSuccessPage();
  else if (flows.openSuccessPage) await flows.openSuccessPage(order.payment);
});

test('subscribe-renew-cancel: subscribe, read the account page, cancel', async ({ target, flows, runId }) => {
  const plan = target.catalogue.plans[0];
  test.skip(!plan || !flows.startSubscription || !flows.readSubscription, 'the target sells no plan or cannot subscribe');
  const customer = runCustomer(runId, TEST_PAYMENT_CARD, plan!.currency);
  await openReferralLink(flows, target, runId);
  // No test clock: the scenario creates one through the provider's API and advances it for the renewal and after
  // the cancellation (API steps, left out with it).
  await flows.startSubscription!(plan!.slug, customer);
  await flows.fillPayment(TEST_PAYMENT_CARD, customer);
  await flows.submitPayment();
  const { subscriptionId } = await flows.readSubscription!();
  if (!flows.cancelSubscription) return;
  if (flows.readAccountSubscriptionStatus) await flows.readAccountSubscriptionStatus(subscriptionId);
  await flows.cancelSubscription(subscriptionId, 'now');
  // The scenario re-reads the account page until it shows "canceled" (a wait); read once here.
  if (flows.readAccountSubscriptionStatus) await flows.readAccountSubscriptionStatus(subscriptionId);
});

test('webhook-resilience: link, buy, refund, open the success page before and after the replay', async ({ target, flows, runId }) => {
  // Turning the provider's webhook faults on and off and replaying events to the merchant are API calls: left out.
  const product = target.catalogue.product!;
  test.skip(!product, 'the target sells no one-time product');
  await openReferralLink(flows, target, runId);
  const order = await buy(flows, product, runCustomer(runId, TEST_PAYMENT_CARD, product.currency));
  await refundInBrowser(target, flows, order.orderId);
  if (flows.openSuccessPage) {
    await flows.openSuccessPage(order.payment);
    await flows.openSuccessPage(order.payment);
  }
});

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
}
