import { expect, type Locator, type Page } from '@playwright/test';

/** /club: the Oil Club's page and its Subscribe button. */
export class ClubPage {
  private readonly heading: Locator;
  private readonly subscribe: Locator;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'The Oil Club' });
    this.subscribe = page.getByRole('button', { name: 'Subscribe' });
  }

  /** Opens the club's page, with the test clock the new subscriber is to live on (test mode only). */
  async open(options: { testClockId?: string } = {}): Promise<void> {
    const url = new URL('/club', this.merchantBaseUrl);
    if (options.testClockId) url.searchParams.set('test_clock', options.testClockId);
    await this.page.goto(url.toString());
    await expect(this.heading, 'the club page shows the plan').toBeVisible();
  }

  /** Clicks Subscribe; resolves once the browser has left for Stripe's Checkout. */
  async subscribeNow(): Promise<void> {
    const shop = new URL(this.merchantBaseUrl).origin;
    await Promise.all([this.page.waitForURL((url) => url.origin !== shop), this.subscribe.click()]);
  }
}
