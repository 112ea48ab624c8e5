import { camelCase } from './targetName';

/** The optional TargetFlows methods, as the generated flows.ts lists them (src/target/contract.ts documents each). */
export const OPTIONAL_FLOWS = [
  'refundOrder',
  'startSubscription',
  'readSubscription',
  'readAccountSubscriptionStatus',
  'cancelSubscription',
  'submitPaymentExpectingDecline',
  'returnToMerchantAfterDecline',
  'startCheckoutWithDoubleClick',
  'goBackAndResubmitOrder',
  'reloadSuccessPage',
  'openSuccessPage',
] as const;

/** `targets/<name>/flows.ts`: the five required flows, each made of page objects (Stripe's hosted Checkout is ready). */
export function flowsFile(name: string): string {
  const optional = OPTIONAL_FLOWS.map((method) => ` *   ${method}`).join('\n');
  return `import type { Page } from '@playwright/test';
import { StripeHostedCheckout } from '../../src/pages/stripeHostedCheckout';
import type { TargetEnvironment, TargetFlows } from '../../src/target/contract';
import { referralLink } from '../../src/target/referralLink';
import { LandingPage } from './pages/landingPage';
import { ProductPage } from './pages/productPage';
import { SuccessPage } from './pages/successPage';

/**
 * The rehearsed flows on ${name}, page object by page object. The five methods below are required; they work once
 * the page objects in pages/ are written (each throws "not written yet" until then). Stripe's hosted Checkout is
 * driven by src/pages/stripeHostedCheckout.ts already.
 *
 * Optional methods, not written yet: a scenario step that needs one is reported skipped, with the reason. Add them
 * here when your site can do it (src/target/contract.ts, TargetFlows, says what each must do):
${optional}
 */
export function ${camelCase(name)}Flows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const successPage = new SuccessPage(page, merchantUrl);

  return {
    async openReferralLink(partnerKey, runId) {
      // The partner's link as the referral platform hands it out, tagged with the run id (utm_campaign). If your
      // links look different (e.g. ?ref=), build the URL here.
      const url = referralLink(merchantUrl, partnerKey, runId);
      const { clickId } = await new LandingPage(page).open(url);
      return { url, clickId };
    },
    async startCheckout(productSlug, customer) {
      const productPage = new ProductPage(page, merchantUrl);
      await productPage.open(productSlug);
      await productPage.buy(customer);
    },
    fillPayment: (card, customer) => checkout.fill(card, customer),
    async submitPayment() {
      await checkout.submit();
      await successPage.waitUntilShown();
    },
    readOrder: () => successPage.readOrder(),
  };
}
`;
}
