import type { InitArguments } from './initArguments';
import { camelCase } from './targetName';

/** The optional TargetFlows methods, as the generated flows.ts lists them (src/model/target/contract.ts documents each). */
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

type FormKind = 'hosted' | 'embedded';

/** What the generated flows.ts says about some optional methods: one note, or one for each payment form (\n: next line). */
const OPTIONAL_FLOW_NOTES: Partial<Record<(typeof OPTIONAL_FLOWS)[number], string | Record<FormKind, string>>> = {
  refundOrder:
    "refund the whole order as your staff or your API do; resolve with { status: 'refunded' }\nonce your site shows it refunded (the refund scenario checks exactly 'refunded')",
  submitPaymentExpectingDecline: {
    hosted: '(options) => checkout.submitExpectingDecline(options?.threeDSecure)',
    embedded:
      "click checkoutPage's Pay button, answer\npaymentElement.answerThreeDSecure() if the bank asks, resolve with checkoutPage.readMessage()",
  },
  returnToMerchantAfterDecline: {
    hosted: 'checkout.goBackToMerchant(), then read the message your cancel page shows',
    embedded: 'leave it out: there is no provider page to leave (the step is reported skipped)',
  },
};

/** `targets/<name>/flows.ts`: the five required flows, each made of page objects (Stripe's own forms are ready). */
export function flowsFile(choices: InitArguments): string {
  let text = choices.paymentForm === 'embedded-elements' ? embeddedElementsFlows(choices.name) : hostedCheckoutFlows(choices.name);
  if (choices.cancellation === 'customer-portal') text = withPortalCancellation(text);
  return choices.paymentOnly ? withoutReferralLink(text) : text;
}

/** A payment-only merchant has no referral link: the contract's openReferralLink says so (the rehearsal never calls it). */
function withoutReferralLink(text: string): string {
  const start = text.indexOf('    async openReferralLink(');
  const end = text.indexOf('    async startCheckout(');
  return (
    text.slice(0, start) +
    `    async openReferralLink() {
      // No referral programme (target.ts: capabilities.referralProgramme false): every referral step is skipped.
      throw new Error('This shop runs no referral programme (target.ts: capabilities.referralProgramme false): there is no referral link to open.');
    },
` +
    text.slice(end)
  )
    .replace("import { referralLink } from '../../src/model/target/referralLink';\n", '')
    .replace("import { LandingPage } from './pages/landingPage';\n", '');
}

/** Customers cancel in Stripe's customer portal: the account page's button leads there; the portal is already written. */
const PORTAL_IMPORTS = `import { StripeCustomerPortal } from '../../src/run/pages/stripeCustomerPortal';
import { AccountPage } from './pages/accountPage';
`;

const PORTAL_FLOWS = `    async cancelSubscription(subscriptionId) {
      // Your account page's button opens Stripe's customer portal (billing_portal.sessions.create on your server);
      // the portal's own setting decides whether it cancels now or at the end of the period: say which it did, and
      // the rehearsal follows that cancellation.
      await new AccountPage(page, merchantUrl).openBillingPortal();
      const portal = new StripeCustomerPortal(page);
      await portal.waitUntilOpen();
      const done = await portal.cancelSubscription({ subscriptionId });
      await portal.returnToMerchant();
      return done === 'canceled-now' ? 'now' : 'at_period_end';
    },
`;

/** Adds the portal's cancel flow (and its imports) to a generated flows.ts, and drops it from the "not written yet" list. */
function withPortalCancellation(text: string): string {
  return text
    .replace(
      "import { LandingPage } from './pages/landingPage';\n",
      `${PORTAL_IMPORTS}import { LandingPage } from './pages/landingPage';\n`,
    )
    .replace(' *   cancelSubscription\n', " *   (cancelSubscription is written below: through Stripe's customer portal)\n")
    .replace('    readOrder: () => successPage.readOrder(),\n', `    readOrder: () => successPage.readOrder(),\n${PORTAL_FLOWS}`);
}

/** The optional methods, one comment line each, with a note where the payment form matters. */
function optionalFlowList(form: FormKind): string {
  return OPTIONAL_FLOWS.map((method) => {
    const notes = OPTIONAL_FLOW_NOTES[method];
    const note = typeof notes === 'string' ? notes : notes?.[form];
    return ` *   ${method}${note ? `: ${note.replaceAll('\n', '\n *     ')}` : ''}`;
  }).join('\n');
}

/** openReferralLink and startCheckout, the same for every payment form. */
const LINK_AND_PRODUCT_FLOWS = `    async openReferralLink(partnerKey, runId) {
      // The partner's link as the referral platform hands it out, tagged with the run id (utm_campaign). It carries
      // the partner as ?via=<partner>; if your links say ?ref=<partner>, use
      // referralLink(merchantUrl, partnerKey, runId, { param: 'ref' }). For another shape, build the URL here
      // (keep utm_campaign=<runId>: the run finds its click by it).
      const url = referralLink(merchantUrl, partnerKey, runId);
      const { clickId } = await new LandingPage(page).open(url);
      return { url, clickId };
    },
    async startCheckout(productSlug, customer) {
      const productPage = new ProductPage(page, merchantUrl);
      await productPage.open(productSlug);
      await productPage.buy(customer);
    },`;

function hostedCheckoutFlows(name: string): string {
  return `import type { Page } from '@playwright/test';
import { StripeHostedCheckout } from '../../src/run/pages/stripeHostedCheckout';
import type { TargetEnvironment, TargetFlows } from '../../src/model/target/contract';
import { referralLink } from '../../src/model/target/referralLink';
import { LandingPage } from './pages/landingPage';
import { ProductPage } from './pages/productPage';
import { SuccessPage } from './pages/successPage';

/**
 * The rehearsed flows on ${name}, page object by page object. The five methods below are required; they work once
 * the page objects in pages/ are written (each throws "not written yet" until then). Stripe's hosted Checkout is
 * driven by src/run/pages/stripeHostedCheckout.ts already.
 *
 * Optional methods, not written yet: a scenario step that needs one is reported skipped, with the reason. Add them
 * here when your site can do it (src/model/target/contract.ts, TargetFlows, says what each must do):
${optionalFlowList('hosted')}
 */
export function ${camelCase(name)}Flows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  const checkout = new StripeHostedCheckout(page);
  const successPage = new SuccessPage(page, merchantUrl);

  return {
${LINK_AND_PRODUCT_FLOWS}
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

function embeddedElementsFlows(name: string): string {
  return `import type { Page } from '@playwright/test';
import { StripePaymentElement } from '../../src/run/pages/stripePaymentElement';
import type { TargetEnvironment, TargetFlows } from '../../src/model/target/contract';
import { referralLink } from '../../src/model/target/referralLink';
import { CheckoutPage } from './pages/checkoutPage';
import { LandingPage } from './pages/landingPage';
import { ProductPage } from './pages/productPage';
import { SuccessPage } from './pages/successPage';

/**
 * The rehearsed flows on ${name}, page object by page object: the customer types the card into Stripe's Payment
 * Element inside your own checkout page and pays with your Pay button. The five methods below are required; they
 * work once the page objects in pages/ are written (each throws "not written yet" until then). The Payment Element
 * itself is driven by src/run/pages/stripePaymentElement.ts already; targets/embedded-elements/flows.ts is a complete
 * example.
 *
 * Optional methods, not written yet: a scenario step that needs one is reported skipped, with the reason. Add them
 * here when your site can do it (src/model/target/contract.ts, TargetFlows, says what each must do):
${optionalFlowList('embedded')}
 */
export function ${camelCase(name)}Flows(page: Page, environment: TargetEnvironment): TargetFlows {
  const merchantUrl = environment.merchant.baseUrl;
  // When your page has more than one Payment Element, say where it mounts this one:
  // new StripePaymentElement(page, page.locator('#payment-element')).
  const paymentElement = new StripePaymentElement(page);
  const checkoutPage = new CheckoutPage(page, merchantUrl);
  const successPage = new SuccessPage(page, merchantUrl);

  return {
${LINK_AND_PRODUCT_FLOWS}
    async fillPayment(card, customer) {
      const filled = await paymentElement.fill(card, customer);
      // The payment intent the page will confirm (the amount cap reads its amount before paying): the element's
      // frame names it on some pages; otherwise your checkout page says which one.
      return { ...filled, payment: filled.payment ?? (await checkoutPage.payment()) };
    },
    async submitPayment() {
      await checkoutPage.pay();
      await successPage.waitUntilShown();
    },
    readOrder: () => successPage.readOrder(),
  };
}
`;
}
