import { expect, type Page } from '@playwright/test';
import type { MerchantOrder, MerchantSubscription } from '../../../src/target/contract';

/** The demo shop's order confirmation (`/success?session_id=…`). */
export class SuccessPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async waitUntilShown(): Promise<void> {
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === merchantOrigin && url.pathname === '/success');
    // An order for a purchase, a subscription for a plan.
    await expect(
      this.page.getByTestId('order-id').or(this.page.getByTestId('subscription-id')).first(),
      'the success page shows the order',
    ).toBeVisible();
  }

  async readSubscription(): Promise<MerchantSubscription> {
    await expect(this.page.getByTestId('subscription-id'), 'the success page shows the subscription').toBeVisible();
    const text = async (testId: string) => ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
    return { subscriptionId: await text('subscription-id'), status: await text('subscription-status') };
  }

  /** Reloads the page (as a customer pressing F5 would) and waits until it shows the order again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilShown();
  }

  async readOrder(): Promise<MerchantOrder> {
    const text = async (testId: string) => ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
    return {
      orderId: await text('order-id'),
      checkoutSessionId: await text('checkout-session-id'),
      status: await text('order-status'),
      amountText: await text('order-amount'),
    };
  }
}
