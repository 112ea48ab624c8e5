import type { Page } from '@playwright/test';
import type { Customer, ResubmitLanding, TargetEnvironment, TargetFlows } from '../../src/target/contract';
import { referralLink } from '../../src/target/referralLink';
import { AccountPage } from './pages/accountPage';
import { CheckoutPage } from './pages/checkoutPage';
import { CompletePage } from './pages/completePage';
import { PricingPage } from './pages/pricingPage';
import { ProductPage } from './pages/productPage';
import { ReferralLanding } from './pages/referralLanding';
import { refundThroughMerchantApi } from './refundThroughMerchantApi';

/**
 * The rehearsed flows on Kissa: the card is typed into the provider's Payment Element inside the shop's own
 * checkout page, the shop's Pay button confirms it, refunds go through the shop's API. There is no provider page
 * to leave after a decline, so `returnToMerchantAfterDecline` is not implemented.
 */
export function embeddedElementsFlows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const merchantOrigin = new URL(merchantUrl).origin;
  const checkout = new CheckoutPage(page, merchantUrl);
  const complete = new CompletePage(page, merchantUrl);
  const account = new AccountPage(page, merchantUrl);
  const pricing = new PricingPage(page, merchantUrl);
  /** The last order form the customer submitted (to go back to it) and who they are. */
  let lastOrderForm: { path: string; customer: Customer } | undefined;

  const buy = async (productSlug: string, customer: Customer, doubleClick: boolean) => {
    const productPage = new ProductPage(page, merchantUrl);
    await productPage.open(productSlug);
    await productPage.buy(customer.email, { doubleClick });
    lastOrderForm = { path: ProductPage.path(productSlug), customer };
  };

  return {
    async openReferralLink(partnerKey, runId) {
      const url = referralLink(merchantUrl, partnerKey, runId, { param: 'ref' });
      const { clickId } = await new ReferralLanding(page).open(url);
      return { url, clickId };
    },
    startCheckout: (productSlug, customer) => buy(productSlug, customer, false),
    fillPayment: (card, customer) => checkout.fill(card, customer),
    async submitPayment() {
      await checkout.pay();
      await complete.waitUntilShown();
    },
    readOrder: () => complete.readOrder(),
    async refundOrder(orderId) {
      const apiKey = environment.merchant.adminKey;
      if (!apiKey) throw new Error("The embedded-elements target refunds through the shop's API, but the environment has no merchant API key (MERCHANT_ADMIN_KEY).");
      return refundThroughMerchantApi(merchantUrl, apiKey, orderId);
    },

    async startSubscription(planSlug, customer, { testClockId } = {}) {
      await pricing.open({ testClockId });
      await pricing.subscribe(planSlug, customer.email);
      lastOrderForm = { path: '/pricing', customer };
    },
    readSubscription: () => complete.readSubscription(),
    async readAccountSubscriptionStatus(subscriptionId) {
      await account.open();
      return account.readStatus(subscriptionId);
    },
    async cancelSubscription(subscriptionId, when) {
      await account.open();
      await account.cancel(subscriptionId, when);
    },

    submitPaymentExpectingDecline: (options = {}) => checkout.payExpectingDecline(options.threeDSecure),

    startCheckoutWithDoubleClick: (productSlug, customer) => buy(productSlug, customer, true),
    async goBackAndResubmitOrder(): Promise<ResubmitLanding> {
      const form = lastOrderForm;
      if (!form) throw new Error('goBackAndResubmitOrder needs an order form submitted earlier in this test.');
      const onForm = () => {
        const url = new URL(page.url());
        return url.origin === merchantOrigin && url.pathname === form.path;
      };
      // Success page → checkout page (which sends a paid order back to its success page) → order form.
      for (let presses = 0; presses < 5 && !onForm(); presses += 1) {
        if (!(await page.goBack())) break;
      }
      if (!onForm()) throw new Error(`Pressing Back did not return to the order form ${form.path} (the browser is on ${new URL(page.url()).pathname}).`);
      // As the browser restored the form; a customer whose email is gone types it again.
      const email = page.getByTestId('email');
      if ((await email.inputValue()) === '') await email.fill(form.customer.email);
      const button = page.getByTestId('buy-button').or(page.getByTestId('subscribe-button')).first();
      await Promise.all([
        page.waitForURL((url) => url.origin === merchantOrigin && (url.pathname.startsWith('/checkout/') || url.pathname === '/orders/complete')),
        button.click(),
      ]);
      if (new URL(page.url()).pathname !== '/orders/complete') return 'payment-page';
      await complete.waitUntilShown();
      return 'merchant-success-page';
    },
    async reloadSuccessPage() {
      await complete.reload();
      return complete.readOrder();
    },
    async openSuccessPage(payment) {
      if (payment.kind !== 'payment_intent') {
        throw new Error(`Kissa's success page confirms payment intents, not a ${payment.kind} (${payment.id}).`);
      }
      return complete.openFor(payment.id);
    },
  };
}
