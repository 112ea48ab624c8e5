import type { Page } from '@playwright/test';
import { StripeCustomerPortal } from '../../src/run/pages/stripeCustomerPortal';
import { StripeHostedCheckout } from '../../src/run/pages/stripeHostedCheckout';
import type { ResubmitLanding, TargetEnvironment, TargetFlows } from '../../src/model/target/contract';
import { OrderApi } from './orderApi';
import { AccountPage } from './pages/accountPage';
import { CartPage } from './pages/cartPage';
import { ClubPage } from './pages/clubPage';
import { HomePage } from './pages/homePage';
import { SuccessPage } from './pages/successPage';
import { WelcomePage } from './pages/welcomePage';

/** The one product Lantern & Co. sells (target.ts's catalogue.product.slug): it is sold on the home page. */
const PRODUCT_SLUG = 'desk-lantern';
/** The one plan (target.ts's catalogue.plans[0].slug): it is sold on /club. */
const PLAN_SLUG = 'oil-club';

/** The rehearsed flows on Lantern & Co., page object by page object. */
export function lanternFlows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const home = new HomePage(page, merchantUrl);
  const successPage = new SuccessPage(page, merchantUrl);
  const welcomePage = new WelcomePage(page, merchantUrl);

  return {
    async openReferralLink() {
      // Required by the contract, but Lantern & Co. runs no referral programme (capabilities.referralProgramme:
      // false): the rehearsal skips every referral step, so this is never called.
      throw new Error(
        'Lantern & Co. has no referral programme (capabilities.referralProgramme: false): there is no referral link to open.',
      );
    },
    async startCheckout(productSlug) {
      assertSells(productSlug, PRODUCT_SLUG, 'product');
      await home.open();
      await home.buy();
    },
    fillPayment: (card, customer) => checkout.fill(card, customer),
    async submitPayment() {
      await checkout.submit();
      // A purchase returns to /thanks, a subscription to /club/welcome.
      const shop = new URL(merchantUrl).origin;
      await page.waitForURL((url) => url.origin === shop && (url.pathname === '/thanks' || url.pathname === '/club/welcome'));
      if (successPage.isCurrentPage()) await successPage.waitUntilShown();
    },
    readOrder: () => successPage.readOrder(),
    refundOrder: (orderId) => new OrderApi(merchantUrl, environment.merchant.adminKey).refund(orderId),

    async startSubscription(planSlug, _customer, options) {
      assertSells(planSlug, PLAN_SLUG, 'plan');
      const club = new ClubPage(page, merchantUrl);
      await club.open({ testClockId: options?.testClockId });
      await club.subscribeNow();
    },
    readSubscription: () => welcomePage.readSubscription(),
    readAccountSubscriptionStatus: (subscriptionId) => new AccountPage(page, merchantUrl).subscriptionStatus(subscriptionId),
    async cancelSubscription(subscriptionId) {
      // Manage billing on the account page opens Stripe's customer portal; the portal's configuration (not the
      // customer) decides whether it cancels now or at the end of the period: say which it did.
      await new AccountPage(page, merchantUrl).openBillingPortal();
      const portal = new StripeCustomerPortal(page);
      await portal.waitUntilOpen();
      const done = await portal.cancelSubscription({ subscriptionId });
      await portal.returnToMerchant();
      return done === 'canceled-now' ? 'now' : 'at_period_end';
    },

    submitPaymentExpectingDecline: (options) => checkout.submitExpectingDecline(options?.threeDSecure),
    async returnToMerchantAfterDecline() {
      await checkout.goBackToMerchant();
      return new CartPage(page).readProblem();
    },

    async startCheckoutWithDoubleClick(productSlug) {
      assertSells(productSlug, PRODUCT_SLUG, 'product');
      await home.open();
      await home.buyWithDoubleClick();
    },
    async goBackAndResubmitOrder(): Promise<ResubmitLanding> {
      // Back through the history (the success page, Stripe's page) to the home page's Buy now form, as the browser
      // restores it, and Buy now again.
      for (let steps = 0; !home.isCurrentPage(); steps += 1) {
        if (steps === 5)
          throw new Error(`Going back did not reach the home page's Buy now form (at ${new URL(page.url()).pathname} after 5 steps back).`);
        await page.goBack();
      }
      await home.waitUntilShown();
      await home.clickBuyAgain();
      const shop = new URL(merchantUrl).origin;
      await page.waitForURL((url) => url.origin !== shop || url.pathname === '/thanks');
      if (successPage.isCurrentPage()) {
        await successPage.waitUntilShown();
        return 'merchant-success-page';
      }
      return 'payment-page';
    },
    reloadSuccessPage: () => successPage.reload(),
    async openSuccessPage(payment) {
      if (payment.kind !== 'checkout_session') return undefined; // the shop's success page takes a session only
      return successPage.openFor(payment.id);
    },
  };
}

function assertSells(slug: string, sold: string, what: 'product' | 'plan'): void {
  if (slug !== sold) throw new Error(`Lantern & Co. sells no ${what} "${slug}" (only "${sold}"): check target.ts's catalogue.`);
}
