import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The demo shop's customer account page (`/account`, behind the session cookie the subscription's success page
 * sets): one row per subscription, its status as the shop records it, and the cancel buttons.
 */
export class AccountPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(new URL('/account', this.merchantBaseUrl).toString());
  }

  /** The subscription's status as the page shows it ("active", "canceling at period end", "canceled", "past due"). */
  async readStatus(subscriptionId: string): Promise<string> {
    await expect(this.row(subscriptionId), `the account page lists subscription ${subscriptionId}`).toBeVisible();
    return ((await this.page.getByTestId(`subscription-status-${subscriptionId}`).textContent()) ?? '').trim();
  }

  /** Clicks the cancel button; resolves once the shop has answered and shows the account page again. */
  async cancel(subscriptionId: string, when: 'now' | 'at_period_end'): Promise<void> {
    await expect(this.row(subscriptionId), `the account page lists subscription ${subscriptionId}`).toBeVisible();
    const button = this.page.getByTestId(when === 'now' ? `cancel-now-${subscriptionId}` : `cancel-at-period-end-${subscriptionId}`);
    await Promise.all([this.page.waitForEvent('load'), button.click()]);
    await expect(this.row(subscriptionId), 'the shop shows the account page after the cancellation').toBeVisible();
  }

  private row(subscriptionId: string): Locator {
    return this.page.getByTestId(`subscription-row-${subscriptionId}`);
  }
}
