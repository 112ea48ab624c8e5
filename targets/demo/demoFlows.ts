import type { Page } from '@playwright/test';
import type { TargetEnvironment, TargetFlows } from '../../src/target/contract';
import { referralLink } from '../../src/target/referralLink';
import { AdminOrdersPage } from './pages/adminOrdersPage';
import { ProductPage } from './pages/productPage';
import { ReferralLanding } from './pages/referralLanding';
import { StripeHostedCheckout } from './pages/stripeHostedCheckout';
import { SuccessPage } from './pages/successPage';

/** The rehearsed flows on the demo shop, page object by page object. */
export function demoFlows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const successPage = new SuccessPage(page, merchantUrl);

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
  };
}
