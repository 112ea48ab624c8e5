import type { Page } from '@playwright/test';
import { LastOrderForm } from '../../src/run/browser/lastOrderForm';
import type { Customer, ResubmitLanding, TargetEnvironment, TargetFlows } from '../../src/model/target/contract';
import { referralLink } from '../../src/model/target/referralLink';
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
  const lastOrderForm = new LastOrderForm(page, merchantOrigin);

  const buy = async (productSlug: string, customer: Customer, doubleClick: boolean) => {
    const productPage = new ProductPage(page, merchantUrl);
    await productPage.open(productSlug);
    await productPage.buy(customer.email, { doubleClick });
    lastOrderForm.remember(ProductPage.path(productSlug), customer.email);
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
      if (!apiKey)
        throw new Error(
          "The embedded-elements target refunds through the shop's API, but the environment has no merchant API key (MERCHANT_ADMIN_KEY).",
        );
      return refundThroughMerchantApi(merchantUrl, apiKey, orderId);
    },

    async startSubscription(planSlug, customer, { testClockId } = {}) {
      await pricing.open({ testClockId });
      await pricing.subscribe(planSlug, customer.email);
      lastOrderForm.remember('/pricing', customer.email);
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
      // Success page → checkout page (which sends a paid order back to its success page) → order form.
      const fields = {
        email: page.getByTestId('email'),
        submit: page.getByTestId('buy-button').or(page.getByTestId('subscribe-button')).first(),
      };
      await lastOrderForm.goBackAndResubmit(
        fields,
        (url) => url.origin === merchantOrigin && (url.pathname.startsWith('/checkout/') || url.pathname === '/orders/complete'),
      );
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
