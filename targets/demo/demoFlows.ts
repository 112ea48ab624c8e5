import type { Page } from '@playwright/test';
import { StripeHostedCheckout } from '../../src/pages/stripeHostedCheckout';
import type { Customer, ResubmitLanding, TargetEnvironment, TargetFlows } from '../../src/target/contract';
import { referralLink } from '../../src/target/referralLink';
import { AccountPage } from './pages/accountPage';
import { AdminOrdersPage } from './pages/adminOrdersPage';
import { CheckoutCanceledPage } from './pages/checkoutCanceledPage';
import { PricingPage } from './pages/pricingPage';
import { ProductPage } from './pages/productPage';
import { ReferralLanding } from './pages/referralLanding';
import { SuccessPage } from './pages/successPage';

/** The rehearsed flows on the demo shop, page object by page object. */
export function demoFlows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const successPage = new SuccessPage(page, merchantUrl);
  const accountPage = new AccountPage(page, merchantUrl);
  const merchantOrigin = new URL(merchantUrl).origin;
  /** The last order form the customer submitted (for going back to it) and who they are. */
  let lastOrderForm: { path: string; customer: Customer } | undefined;

  return {
    async openReferralLink(partnerKey, runId) {
      const url = referralLink(merchantUrl, partnerKey, runId);
      const { clickId } = await new ReferralLanding(page).open(url);
      return { url, clickId };
    },
    async startCheckout(productSlug, customer) {
      const productPage = new ProductPage(page, merchantUrl);
      await productPage.open(productSlug);
      await productPage.buy(customer.email);
      lastOrderForm = { path: new URL(`/products/${encodeURIComponent(productSlug)}`, merchantUrl).pathname, customer };
    },
    fillPayment: (card, customer) => checkout.fill(card, customer),
    async submitPayment() {
      await checkout.submit();
      await successPage.waitUntilShown();
    },
    readOrder: () => successPage.readOrder(),
    async refundOrder(orderId) {
      const adminKey = environment.merchant.adminKey;
      if (!adminKey) throw new Error('The demo target refunds from the shop admin, but the environment has no admin key.');
      const admin = new AdminOrdersPage(page, merchantUrl);
      await admin.signIn(adminKey);
      await admin.open();
      return admin.refundInFull(orderId);
    },

    async startSubscription(planSlug, customer, options = {}) {
      const pricing = new PricingPage(page, merchantUrl);
      await pricing.open({ testClockId: options.testClockId });
      await pricing.subscribe(planSlug, customer.email);
      lastOrderForm = { path: '/pricing', customer };
    },
    readSubscription: () => successPage.readSubscription(),
    async readAccountSubscriptionStatus(subscriptionId) {
      await accountPage.open();
      return accountPage.readStatus(subscriptionId);
    },
    async cancelSubscription(subscriptionId, when) {
      await accountPage.open();
      await accountPage.cancel(subscriptionId, when);
    },

    submitPaymentExpectingDecline: (options = {}) => checkout.submitExpectingDecline(options.threeDSecure),
    async returnToMerchantAfterDecline() {
      const canceled = new CheckoutCanceledPage(page, merchantUrl);
      await Promise.all([canceled.waitUntilShown(), checkout.goBackToMerchant()]);
      return canceled.readProblem();
    },

    async startCheckoutWithDoubleClick(productSlug, customer) {
      const productPage = new ProductPage(page, merchantUrl);
      await productPage.open(productSlug);
      await productPage.buy(customer.email, { doubleClick: true });
      lastOrderForm = { path: new URL(`/products/${encodeURIComponent(productSlug)}`, merchantUrl).pathname, customer };
    },
    async goBackAndResubmitOrder(): Promise<ResubmitLanding> {
      const form = lastOrderForm;
      if (!form) throw new Error('goBackAndResubmitOrder needs an order form submitted earlier in this test.');
      const onForm = () => {
        const url = new URL(page.url());
        return url.origin === merchantOrigin && url.pathname === form.path;
      };
      // Success page → payment page ("already paid") → order form: as many Back presses as it takes, a few at most.
      for (let presses = 0; presses < 5 && !onForm(); presses += 1) {
        if (!(await page.goBack())) break;
      }
      if (!onForm()) throw new Error(`Pressing Back did not return to the order form ${form.path} (the browser is on ${new URL(page.url()).pathname}).`);
      // As the browser restored the form; a customer whose email is gone types it again.
      const email = page.getByTestId('email');
      if ((await email.inputValue()) === '') await email.fill(form.customer.email);
      const button = page.getByTestId('buy-button').or(page.getByTestId('subscribe-button')).first();
      await Promise.all([
        page.waitForURL((url) => url.origin !== merchantOrigin || url.pathname === '/success'),
        button.click(),
      ]);
      if (new URL(page.url()).origin !== merchantOrigin) return 'payment-page';
      await successPage.waitUntilShown();
      return 'merchant-success-page';
    },
    async reloadSuccessPage() {
      await successPage.reload();
      return successPage.readOrder();
    },
    openSuccessPage: (payment) => successPage.openFor(payment),
  };
}
