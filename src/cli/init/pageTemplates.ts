/** The error a page object stub throws: names the flow, the file to write and the README. */
function notWrittenYet(name: string, flow: string, method: string, file: string): string {
  return `targets/${name}/flows.ts: ${flow} is not written yet — write ${method} in targets/${name}/pages/${file} (see targets/${name}/README.md).`;
}

/** `pages/landingPage.ts`: where the partner's referral link lands; records the click. */
export function landingPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';

/** The page of ${name} a partner's referral link lands on, with the referral platform's tracking snippet. */
export class LandingPage {
  constructor(private readonly page: Page) {}

  /**
   * Opens the referral link and resolves once the tracking snippet has recorded the click, with the click's id as
   * the referral platform knows it (the snippet usually keeps it in a cookie or localStorage). Example:
   * targets/demo/pages/referralLanding.ts (waits for its referral_click_id cookie).
   */
  async open(url: string): Promise<{ clickId: string }> {
    // TODO: await this.page.goto(url); then wait for the click id your snippet stores, and return it.
    throw new Error(${JSON.stringify(notWrittenYet(name, 'openReferralLink', 'LandingPage.open', 'landingPage.ts'))});
  }
}
`;
}

/** `pages/productPage.ts`: the product page and its Buy button, up to the payment page. */
export function productPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';
import type { Customer } from '../../../src/target/contract';

/** ${name}'s product page: opens a product and buys it, up to the provider's payment page. */
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
   * Fills what your order form asks (the customer's email, maybe their name) and clicks Buy; resolves once the
   * browser has left your site for the payment page (Stripe Checkout).
   */
  async buy(customer: Customer): Promise<void> {
    // TODO: fill the form from customer.email / customer.name, click Buy, then wait for the payment page, e.g.
    // await Promise.all([this.page.waitForURL((url) => url.origin !== new URL(this.merchantBaseUrl).origin), buy.click()]);
    throw new Error(${JSON.stringify(notWrittenYet(name, 'startCheckout', 'ProductPage.buy', 'productPage.ts'))});
  }
}
`;
}

/** `pages/successPage.ts`: the order confirmation after paying. */
export function successPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';
import type { MerchantOrder } from '../../../src/target/contract';

/** ${name}'s order confirmation, where the payment page returns the customer after paying. */
export class SuccessPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /** Resolves once the browser is back on your site and the confirmation shows the order. */
  async waitUntilShown(): Promise<void> {
    // TODO: e.g. await this.page.waitForURL((url) => url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '/success');
    // then wait until the order number is visible.
    throw new Error(${JSON.stringify(notWrittenYet(name, 'submitPayment', 'SuccessPage.waitUntilShown', 'successPage.ts'))});
  }

  /**
   * Reads the order as the page shows it: your order id, the provider payment behind it (Stripe Checkout returns
   * to your success URL with ?session_id=cs_...: \`{ kind: 'checkout_session', id }\`), its status and amount text.
   */
  async readOrder(): Promise<MerchantOrder> {
    // TODO: read each from the page, e.g. (await this.page.getByTestId('order-id').textContent())?.trim().
    throw new Error(${JSON.stringify(notWrittenYet(name, 'readOrder', 'SuccessPage.readOrder', 'successPage.ts'))});
  }
}
`;
}
