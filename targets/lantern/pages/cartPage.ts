import { expect, type Locator, type Page } from '@playwright/test';
import type { PaymentProblem } from '../../../src/model/target/contract';

/** /cart?canceled=1: where Checkout's Back link returns a customer who did not pay. */
export class CartPage {
  private readonly heading: Locator;
  private readonly message: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Payment not completed' });
    this.message = page.getByText(/your payment was not completed/i);
  }

  /** Waits for the page and reads what it tells the customer. */
  async readProblem(): Promise<PaymentProblem> {
    await expect(this.heading, 'the shop says the payment was not completed').toBeVisible();
    const url = new URL(this.page.url());
    return { message: ((await this.message.first().textContent()) ?? '').trim(), page: `${url.origin}${url.pathname}` };
  }
}
