import type { InitArguments } from './initArguments';

/** The error a page object stub throws: names the flow, the file to write and the README. */
export function notWrittenYet(name: string, flow: string, method: string, file: string): string {
  return `targets/${name}/flows.ts: ${flow} is not written yet — write ${method} in targets/${name}/pages/${file} (see targets/${name}/README.md).`;
}

/** `pages/landingPage.ts`: where the partner's referral link lands; records the click. */
export function landingPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';

/** The page of ${name} a partner's referral link lands on, with the referral platform's tracking snippet. */
export class LandingPage {
  constructor(private readonly page: Page) {}

  /**
   * Opens the referral link and resolves once the tracking snippet has recorded this visit's click, with the
   * click's id as the referral platform knows it. Wait for the snippet's own announcement, the
   * \`referral:click-recorded\` event on \`document\` (\`detail.clickId\`), rather than for its cookie: the cookie may
   * still hold an older click from an earlier visit. Example: targets/embedded-elements/pages/referralLanding.ts
   * (listens from before the page loads, and fails at once on the snippet's \`referral:click-failed\`).
   */
  async open(url: string): Promise<{ clickId: string }> {
    // TODO: listen for the event before the page loads (this.page.addInitScript), await this.page.goto(url), then
    // wait for the event's click id (this.page.waitForFunction) and return it.
    throw new Error(${JSON.stringify(notWrittenYet(name, 'openReferralLink', 'LandingPage.open', 'landingPage.ts'))});
  }
}
`;
}

/** `pages/productPage.ts`: the product page and its Buy button, up to the payment form. */
export function productPageFile({ name, paymentForm }: InitArguments): string {
  const embedded = paymentForm === 'embedded-elements';
  const classDoc = embedded
    ? `${name}'s product page: opens a product and buys it, up to your checkout page with Stripe's Payment Element.`
    : `${name}'s product page: opens a product and buys it, up to the provider's payment page.`;
  const buyDoc = embedded
    ? `   * Fills what your order form asks (the customer's email, maybe their name) and clicks Buy; resolves once your
   * checkout page shows, where the Payment Element is mounted (if it is on this very page, once it shows here).`
    : `   * Fills what your order form asks (the customer's email, maybe their name) and clicks Buy; resolves once the
   * browser has left your site for the payment page (Stripe Checkout).`;
  const buyTodo = embedded
    ? `    // TODO: fill the form from customer.email / customer.name, click Buy, then wait for your checkout page, e.g.
    // await Promise.all([this.page.waitForURL((url) => url.pathname.startsWith('/checkout')), buy.click()]);`
    : `    // TODO: fill the form from customer.email / customer.name, click Buy, then wait for the payment page, e.g.
    // await Promise.all([this.page.waitForURL((url) => url.origin !== new URL(this.merchantBaseUrl).origin), buy.click()]);`;
  return `import type { Page } from '@playwright/test';
import type { Customer } from '../../../src/model/target/contract';

/** ${classDoc} */
export class ProductPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /** Opens the page of the product with this slug (the catalogue's \`product.slug\` in target.ts). */
  async open(slug: string): Promise<void> {
    // TODO: e.g. await this.page.goto(new URL(\`/products/\${encodeURIComponent(slug)}\`, this.merchantBaseUrl).toString());
    throw new Error(${JSON.stringify(notWrittenYet(name, 'startCheckout', 'ProductPage.open', 'productPage.ts'))});
  }

  /**
${buyDoc}
   */
  async buy(customer: Customer): Promise<void> {
${buyTodo}
    throw new Error(${JSON.stringify(notWrittenYet(name, 'startCheckout', 'ProductPage.buy', 'productPage.ts'))});
  }
}
`;
}

/** `pages/successPage.ts`: the order confirmation after paying. */
export function successPageFile({ name, paymentForm }: InitArguments): string {
  const embedded = paymentForm === 'embedded-elements';
  const classDoc = embedded
    ? `${name}'s order confirmation: the return URL your checkout page gives Stripe.js (\`confirmParams.return_url\`),
 * where the customer lands after paying.`
    : `${name}'s order confirmation, where the payment page returns the customer after paying.`;
  const waitDoc = embedded
    ? 'Resolves once the browser is on your return URL and the confirmation shows the order.'
    : 'Resolves once the browser is back on your site and the confirmation shows the order.';
  const readOrderDoc = embedded
    ? `Reads the order as the page shows it: your order id, the payment intent behind it (Stripe.js sends the
   * customer to your return URL with ?payment_intent=pi_...: \`{ kind: 'payment_intent', id }\`), its status and
   * amount text.`
    : `Reads the order as the page shows it: your order id, the provider payment behind it (Stripe Checkout returns
   * to your success URL with ?session_id=cs_...: \`{ kind: 'checkout_session', id }\`), its status and amount text.`;
  return `import type { Page } from '@playwright/test';
import type { MerchantOrder } from '../../../src/model/target/contract';

/**
 * ${classDoc}
 */
export class SuccessPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /** ${waitDoc} */
  async waitUntilShown(): Promise<void> {
    // TODO: e.g. await this.page.waitForURL((url) => url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '${embedded ? '/orders/complete' : '/success'}');
    // then wait until the order number is visible.
    throw new Error(${JSON.stringify(notWrittenYet(name, 'submitPayment', 'SuccessPage.waitUntilShown', 'successPage.ts'))});
  }

  /**
   * ${readOrderDoc}
   */
  async readOrder(): Promise<MerchantOrder> {
    // TODO: read each from the page, e.g. (await this.page.getByTestId('order-id').textContent())?.trim().
    throw new Error(${JSON.stringify(notWrittenYet(name, 'readOrder', 'SuccessPage.readOrder', 'successPage.ts'))});
  }
}
`;
}

/** `pages/accountPage.ts` (customers cancel in Stripe's customer portal): the button on your site that opens it. */
export function accountPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';

/** ${name}'s account page, where a subscriber finds the button to Stripe's customer portal. */
export class AccountPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /**
   * Opens the account page and follows its button to Stripe's customer portal (your server calls
   * billing_portal.sessions.create and redirects to its url). Resolves once the browser has left for the portal;
   * src/run/pages/stripeCustomerPortal.ts drives the portal itself.
   */
  async openBillingPortal(): Promise<void> {
    // TODO: e.g. await this.page.goto(new URL('/account', this.merchantBaseUrl).toString());
    // await this.page.getByRole('button', { name: 'Manage billing' }).click();
    throw new Error(${JSON.stringify(notWrittenYet(name, 'cancelSubscription', 'AccountPage.openBillingPortal', 'accountPage.ts'))});
  }
}
`;
}
