import { expect, type Locator, type Page } from '@playwright/test';
import type { MerchantSubscription } from '../../../src/model/target/contract';

/** /club/welcome?session_id=cs_…: where Checkout returns a new subscriber. */
export class WelcomePage {
  private readonly heading: Locator;
  private readonly subscription: Locator;
  private readonly status: Locator;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Welcome to the Oil Club' });
    this.subscription = page.getByLabel('Subscription:');
    this.status = page.getByLabel('Status:');
  }

  /** True when the browser shows this page. */
  isCurrentPage(): boolean {
    const url = new URL(this.page.url());
    return url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '/club/welcome';
  }

  /** Waits for the welcome page and reads the subscription it names. */
  async readSubscription(): Promise<MerchantSubscription> {
    await expect(this.heading, 'the shop welcomes the new subscriber').toBeVisible();
    return {
      subscriptionId: ((await this.subscription.textContent()) ?? '').trim(),
      status: ((await this.status.textContent()) ?? '').trim(),
    };
  }
}
