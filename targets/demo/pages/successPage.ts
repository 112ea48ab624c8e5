import { expect, type Page } from '@playwright/test';
import type { MerchantOrder } from '../../../src/target/contract';

/** The demo shop's order confirmation (`/success?session_id=…`). */
export class SuccessPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async waitUntilShown(): Promise<void> {
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === merchantOrigin && url.pathname === '/success');
    await expect(this.page.getByTestId('order-id'), 'the success page shows the order').toBeVisible();
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
