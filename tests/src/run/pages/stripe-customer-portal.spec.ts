import type Stripe from 'stripe';
import { scanForLeaks } from '../../../../src/guards/leakScan/scanForLeaks';
import { StripeCustomerPortal } from '../../../../src/run/pages/stripeCustomerPortal';
import { TEST_CARDS } from '../../../../src/model/target/testCards';
import { subscribedCustomer, type SubscribedCustomer } from '../../../sandbox/provider/support/portalSupport';
import { test, expect, CUSTOMER, type StripePagesLab } from './support/stripePagesLab';
import type { Page } from '@playwright/test';

// The StripeCustomerPortal page object in Chromium against the sandbox's portal, as a merchant's flow would use it
// after redirecting to `billingPortal.sessions.create(…).url`.

async function openPortal(
  page: Page,
  lab: StripePagesLab,
  customer: SubscribedCustomer,
  params: Partial<Stripe.BillingPortal.SessionCreateParams> = {},
): Promise<{ portal: StripeCustomerPortal; session: Stripe.BillingPortal.Session }> {
  const session = await lab.stripe.billingPortal.sessions.create({
    customer: customer.customer.id,
    return_url: lab.merchant.successUrl.replace('{CHECKOUT_SESSION_ID}', 'account'),
    ...params,
  });
  await page.goto(session.url);
  const portal = new StripeCustomerPortal(page);
  await portal.waitUntilOpen();
  return { portal, session };
}

async function setCancellation(
  lab: StripePagesLab,
  subscriptionCancel: Stripe.BillingPortal.ConfigurationUpdateParams.Features.SubscriptionCancel,
): Promise<void> {
  const [configuration] = (await lab.stripe.billingPortal.configurations.list({ is_default: true })).data;
  await lab.stripe.billingPortal.configurations.update(configuration!.id, { features: { subscription_cancel: subscriptionCancel } });
}

test('reads the plan and its invoices, cancels at the end of the period, then Renew takes the cancellation back', async ({ page, lab }) => {
  const subscribed = await subscribedCustomer(lab.stripe);
  const { portal } = await openPortal(page, lab, subscribed);

  expect(await portal.subscriptionStatus()).toBe('renews');
  expect(await portal.planShown(subscribed.product.name)).toBe(true);
  expect(await portal.invoiceCount()).toBe(1);

  expect(await portal.cancelSubscription()).toBe('cancels-at-period-end');
  expect(await portal.subscriptionStatus()).toBe('cancels-at-period-end');
  expect(await lab.stripe.subscriptions.retrieve(subscribed.subscription.id)).toMatchObject({
    status: 'active',
    cancel_at_period_end: true,
  });

  await portal.renewSubscription();
  expect(await portal.subscriptionStatus()).toBe('renews');
  expect((await lab.stripe.subscriptions.retrieve(subscribed.subscription.id)).cancel_at_period_end).toBe(false);
});

test('cancels now when the merchant configured "immediately", answering the reason dialog', async ({ page, lab }) => {
  await setCancellation(lab, { mode: 'immediately' });
  const subscribed = await subscribedCustomer(lab.stripe);
  const { portal } = await openPortal(page, lab, subscribed);

  expect(await portal.cancelSubscription({ reason: 'unused' })).toBe('canceled-now');
  expect(await portal.subscriptionStatus()).toBe('none');
  expect(await lab.stripe.subscriptions.retrieve(subscribed.subscription.id)).toMatchObject({
    status: 'canceled',
    cancellation_details: { feedback: 'unused' },
  });
});

test('a cancellation deep link: confirms on the page it opens and lands where the merchant asked', async ({ page, lab }) => {
  await setCancellation(lab, { cancellation_reason: { enabled: false } });
  const subscribed = await subscribedCustomer(lab.stripe);
  const back = `${lab.merchant.url}/success?portal=canceled`;
  await openPortal(page, lab, subscribed, {
    flow_data: {
      type: 'subscription_cancel',
      subscription_cancel: { subscription: subscribed.subscription.id },
      after_completion: { type: 'redirect', redirect: { return_url: back } },
    },
  });

  expect(await new StripeCustomerPortal(page).cancelSubscription()).toBe('cancels-at-period-end');
  await page.waitForURL(back);
  expect((await lab.stripe.subscriptions.retrieve(subscribed.subscription.id)).cancel_at_period_end).toBe(true);
});

test('updateCard adds the card as the default for the customer and its plan; a declined card is reported, not saved', async ({
  page,
  lab,
}) => {
  const subscribed = await subscribedCustomer(lab.stripe);
  const { portal } = await openPortal(page, lab, subscribed);

  await expect(portal.updateCard(TEST_CARDS.declined, CUSTOMER)).rejects.toThrow(
    'The customer portal refused the card: Your card was declined.',
  );
  expect((await lab.stripe.paymentMethods.list({ customer: subscribed.customer.id })).data).toHaveLength(1);

  await portal.updateCard(TEST_CARDS.succeeds, CUSTOMER);
  const customer = (await lab.stripe.customers.retrieve(subscribed.customer.id)) as Stripe.Customer;
  const added = customer.invoice_settings.default_payment_method as string;
  expect(added).not.toBe(subscribed.card.id);
  expect((await lab.stripe.subscriptions.retrieve(subscribed.subscription.id)).default_payment_method).toBe(added);
  await expect(page.getByText('Payment methods')).toBeVisible();
});

test('returnToMerchant follows "Return to <business>" to the return_url', async ({ page, lab }) => {
  const subscribed = await subscribedCustomer(lab.stripe);
  const { portal, session } = await openPortal(page, lab, subscribed);
  await expect(page.getByRole('link', { name: 'Return to Dress Rehearsal sandbox' })).toBeVisible();
  await portal.returnToMerchant();
  await page.waitForURL(session.return_url as string);
  await expect(page.getByTestId('merchant-page')).toBeVisible();
});

test("updateCard keeps the card out of the trace's action log and DOM snapshots", async ({ browser, lab }, testInfo) => {
  const subscribed = await subscribedCustomer(lab.stripe);
  const context = await browser.newContext();
  const trace = testInfo.outputPath('portal-trace.zip');
  await context.tracing.start({ screenshots: true, snapshots: true });
  try {
    const page = await context.newPage();
    const { portal } = await openPortal(page, lab, subscribed);
    await portal.updateCard(TEST_CARDS.succeeds, CUSTOMER);
  } finally {
    await context.tracing.stop({ path: trace });
    await context.close();
  }
  // The network log does hold the form's POST body (why the harness runs with trace off, playwright.config.ts);
  // what fillSecret promises is that the typed card is in neither the action log nor the DOM snapshots.
  const leaks = await scanForLeaks([trace]);
  expect(leaks.filter((leak) => leak.entry !== 'trace.network' && !(leak.entry ?? '').startsWith('resources/'))).toEqual([]);
});
