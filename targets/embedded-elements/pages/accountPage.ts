import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Kissa's account page (`/account`, behind the session cookie the sign-up's success page sets): each subscription
 * with its status as the shop records it, and its cancel buttons.
 */
export class AccountPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(new URL('/account', this.merchantBaseUrl).href);
  }

  /** The status Kissa shows for the subscription: active, canceling at period end, canceled, past due. */
  async readStatus(subscriptionId: string): Promise<string> {
    await expect(this.entry(subscriptionId), `the account page lists subscription ${subscriptionId}`).toBeVisible();
    return ((await this.page.getByTestId(`subscription-status-${subscriptionId}`).textContent()) ?? '').trim();
  }

  /** Clicks a cancel button; resolves once the shop has accepted it (its notice says it asked the provider). */
  async cancel(subscriptionId: string, when: 'now' | 'at_period_end'): Promise<void> {
    await expect(this.entry(subscriptionId), `the account page lists subscription ${subscriptionId}`).toBeVisible();
    const testId = when === 'now' ? `cancel-now-${subscriptionId}` : `cancel-at-period-end-${subscriptionId}`;
    await Promise.all([
      this.page.waitForURL((url) => url.searchParams.get('cancel_requested') === subscriptionId),
      this.page.getByTestId(testId).click(),
    ]);
    await expect(this.page.getByTestId('account-notice'), 'the shop says it asked for the cancellation').toBeVisible();
  }

  private entry(subscriptionId: string): Locator {
    return this.page.getByTestId(`subscription-row-${subscriptionId}`);
  }
}
