import type { Page } from '@playwright/test';
import { StripeHostedCheckout } from '../../src/run/pages/stripeHostedCheckout';
import { LastOrderForm } from '../../src/run/browser/lastOrderForm';
import type { Customer, ResubmitLanding, TargetEnvironment, TargetFlows } from '../../src/model/target/contract';
import { referralLink } from '../../src/model/target/referralLink';
import { AccountPage } from './pages/accountPage';
import { AdminOrdersPage } from './pages/adminOrdersPage';
import { CheckoutCanceledPage } from './pages/checkoutCanceledPage';
import { PricingPage } from './pages/pricingPage';
import { ProductPage } from './pages/productPage';
import { ReferralLanding } from './pages/referralLanding';
import { SuccessPage } from './pages/successPage';
import { demoReferralPlatform } from './referralPlatform';

/** The rehearsed flows on the demo shop, page object by page object. */
export function demoFlows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const successPage = new SuccessPage(page, merchantUrl);
  const accountPage = new AccountPage(page, merchantUrl);
  const merchantOrigin = new URL(merchantUrl).origin;
  const lastOrderForm = new LastOrderForm(page, merchantOrigin);

  const buy = async (productSlug: string, customer: Customer, doubleClick: boolean) => {
    const productPage = new ProductPage(page, merchantUrl);
    await productPage.open(productSlug);
    await productPage.buy(customer.email, { doubleClick });
    lastOrderForm.remember(new URL(`/products/${encodeURIComponent(productSlug)}`, merchantUrl).pathname, customer.email);
  };

  return {
    async openReferralLink(partnerKey, runId) {
      const url = referralLink(merchantUrl, partnerKey, runId);
      const { clickId } = await new ReferralLanding(page, demoReferralPlatform(process.env)).open(url);
      return { url, clickId };
    },
    startCheckout: (productSlug, customer) => buy(productSlug, customer, false),
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
      lastOrderForm.remember('/pricing', customer.email);
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

    startCheckoutWithDoubleClick: (productSlug, customer) => buy(productSlug, customer, true),
    async goBackAndResubmitOrder(): Promise<ResubmitLanding> {
      // Success page → payment page ("already paid") → order form.
      const fields = {
        email: page.getByTestId('email'),
        submit: page.getByTestId('buy-button').or(page.getByTestId('subscribe-button')).first(),
      };
      await lastOrderForm.goBackAndResubmit(fields, (url) => url.origin !== merchantOrigin || url.pathname === '/success');
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
