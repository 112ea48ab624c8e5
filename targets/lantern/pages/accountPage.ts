import { expect, type Locator, type Page } from '@playwright/test';

/** /account: the subscriber's account page, its subscriptions and the Manage billing button to Stripe's portal. */
export class AccountPage {
  private readonly heading: Locator;
  private readonly manageBilling: Locator;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your account' });
    this.manageBilling = page.getByRole('button', { name: 'Manage billing' });
  }

  async open(): Promise<void> {
    await this.page.goto(new URL('/account', this.merchantBaseUrl).toString());
    await expect(this.heading, 'the account page opens').toBeVisible();
  }

  /** The status the account page shows for this subscription, in the shop's words ("Active", "Canceled", …). */
  async subscriptionStatusText(subscriptionId: string): Promise<string> {
    await this.open();
    const section = this.page.locator('section').filter({ has: this.page.getByLabel('Subscription:').filter({ hasText: subscriptionId }) });
    const status = section.getByLabel('Status:');
    await expect(status, `the account page shows subscription ${subscriptionId}`).toBeVisible();
    return ((await status.textContent()) ?? '').trim();
  }

  /**
   * The account page's status for this subscription in Stripe's words (the rehearsal compares it with `active`,
   * `canceled`): "Active" → active, "Canceled" → canceled, "Past due" → past_due; "Cancels on <date>" is a subscription
   * still active until then (Stripe: `active` with `cancel_at_period_end`), so active.
   */
  async subscriptionStatus(subscriptionId: string): Promise<string> {
    const shown = await this.subscriptionStatusText(subscriptionId);
    if (/^cancels on /i.test(shown)) return 'active';
    return shown.toLowerCase().replace(/\s+/g, '_');
  }

  /**
   * Opens the account page and follows Manage billing to Stripe's customer portal (the shop calls
   * billing_portal.sessions.create and redirects); resolves once the browser has left for the portal.
   */
  async openBillingPortal(): Promise<void> {
    await this.open();
    const shop = new URL(this.merchantBaseUrl).origin;
    await Promise.all([this.page.waitForURL((url) => url.origin !== shop), this.manageBilling.click()]);
  }
}
