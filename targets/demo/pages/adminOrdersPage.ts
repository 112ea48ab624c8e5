import { expect, type Page } from '@playwright/test';
import { fillSecret } from '../../../src/model/target/fillSecret';

/** The demo shop's admin: sign in with the admin key, then refund an order from the orders table. */
export class AdminOrdersPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /** The admin key is a secret: it is typed into the password field and goes nowhere else. */
  async signIn(adminKey: string): Promise<void> {
    await this.page.goto(this.url('/admin/login'));
    await fillSecret(this.page.getByTestId('admin-key'), adminKey);
    await Promise.all([this.page.waitForURL((url) => url.pathname !== '/admin/login'), this.page.getByTestId('admin-login').click()]);
  }

  async open(): Promise<void> {
    await this.page.goto(this.url('/admin/orders'));
    await expect(this.page.getByTestId('orders-table'), 'the admin shows the orders table').toBeVisible();
  }

  /** Refunds the whole order and waits until the shop shows it "refunded" (it does once the provider confirms). */
  async refundInFull(orderId: string, timeoutMs = 15_000): Promise<{ status: string }> {
    await expect(this.page.getByTestId(`order-row-${orderId}`), `the admin lists order ${orderId}`).toBeVisible();
    await this.page.getByTestId(`refund-button-${orderId}`).click();
    await this.page.waitForLoadState();
    const status = this.page.getByTestId(`order-status-${orderId}`);
    await expect(async () => {
      if ((await status.textContent())?.trim() !== 'refunded') await this.page.reload();
      // Briefly: the status changes on a reload, not on this page, so the next try reloads sooner.
      await expect(status).toHaveText('refunded', { timeout: 250 });
    }, `the admin shows order ${orderId} as refunded`).toPass({ timeout: timeoutMs });
    return { status: ((await status.textContent()) ?? '').trim() };
  }

  private url(path: string): string {
    return new URL(path, this.merchantBaseUrl).toString();
  }
}
