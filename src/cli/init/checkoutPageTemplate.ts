import { notWrittenYet } from './pageTemplates';

/**
 * `pages/checkoutPage.ts` (payment form `embedded-elements`): the merchant's own checkout page around Stripe's
 * Payment Element: its Pay button, its message area, the return URL, the payment intent it confirms.
 */
export function checkoutPageFile(name: string): string {
  return `import type { Page } from '@playwright/test';
import type { PaymentReference } from '../../../src/model/target/contract';

/**
 * ${name}'s own checkout page, around Stripe's Payment Element: the Pay button, the message area, and the payment
 * intent the page confirms. flows.ts fills the element itself (src/run/pages/stripePaymentElement.ts); this page
 * object is the rest of your page. Example: targets/embedded-elements/pages/checkoutPage.ts.
 */
export class CheckoutPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /**
   * The payment intent this page confirms, \`{ kind: 'payment_intent', id: 'pi_...' }\`, for when the element's frame
   * does not name it: the rehearsal reads its amount before paying (the amount cap).
   */
  async payment(): Promise<PaymentReference> {
    // TODO: read it where your page keeps it, e.g. an attribute your page sets from the client secret's pi_... part:
    // const id = await this.page.getByTestId('payment-form').getAttribute('data-payment-intent');
    // if (id) return { kind: 'payment_intent', id };
    throw new Error(${JSON.stringify(notWrittenYet(name, 'fillPayment', 'CheckoutPage.payment', 'checkoutPage.ts'))});
  }

  /**
   * Clicks your Pay button (your code calls stripe.confirmPayment) and resolves once Stripe.js has sent the browser
   * to your return URL (\`?payment_intent=pi_...&redirect_status=succeeded\`).
   */
  async pay(): Promise<void> {
    // TODO: e.g. const returned = (url: URL) => url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '/orders/complete';
    // await Promise.all([this.page.waitForURL(returned, { timeout: 30_000 }), this.page.getByRole('button', { name: 'Pay' }).click()]);
    throw new Error(${JSON.stringify(notWrittenYet(name, 'submitPayment', 'CheckoutPage.pay', 'checkoutPage.ts'))});
  }

  /**
   * The message your page shows in its message area when a payment does not go through (Stripe.js's
   * \`error.message\`); for the optional submitPaymentExpectingDecline, once the message is there.
   */
  async readMessage(): Promise<string> {
    // TODO: e.g. const message = this.page.getByTestId('payment-message'); await expect(message).not.toBeEmpty();
    // return ((await message.textContent()) ?? '').trim();
    throw new Error(${JSON.stringify(notWrittenYet(name, 'submitPaymentExpectingDecline', 'CheckoutPage.readMessage', 'checkoutPage.ts'))});
  }
}
`;
}
