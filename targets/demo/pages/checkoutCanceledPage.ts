import { expect, type Page } from '@playwright/test';
import type { PaymentProblem } from '../../../src/model/target/contract';

/** The demo shop's "payment did not go through" page (`/checkout/canceled?session_id=…`), reached by the payment page's Back link. */
export class CheckoutCanceledPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async waitUntilShown(): Promise<void> {
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === merchantOrigin && url.pathname === '/checkout/canceled');
  }

  async readProblem(): Promise<PaymentProblem> {
    const problem = this.page.getByTestId('payment-problem');
    await expect(problem, 'the shop tells the customer why the payment did not go through').toBeVisible();
    const url = new URL(this.page.url());
    return { message: ((await problem.textContent()) ?? '').trim(), page: `${url.origin}${url.pathname}` };
  }
}
