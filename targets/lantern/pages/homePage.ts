import { expect, type Locator, type Page } from '@playwright/test';

/** Lantern & Co.'s home page: the lantern, its price and the Buy now button (there is no other product page). */
export class HomePage {
  private readonly heading: Locator;
  private readonly buyNow: Locator;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Lantern & Co.' });
    this.buyNow = page.getByRole('button', { name: 'Buy now' });
  }

  /** Opens the home page, where the one product is sold. */
  async open(): Promise<void> {
    await this.page.goto(new URL('/', this.merchantBaseUrl).toString());
    await this.waitUntilShown();
  }

  /** Resolves once the home page shows the lantern and its Buy now button. */
  async waitUntilShown(): Promise<void> {
    await expect(this.heading, 'the home page shows the shop').toBeVisible();
    await expect(this.buyNow, 'the home page offers the lantern').toBeVisible();
  }

  /** Clicks Buy now (no form to fill: the shop asks for nothing); resolves once the browser has left for Stripe. */
  async buy(): Promise<void> {
    await Promise.all([this.waitForAnotherOrigin(), this.buyNow.click()]);
  }

  /** Double clicks Buy now, as an impatient customer does; resolves once the browser has left for Stripe. */
  async buyWithDoubleClick(): Promise<void> {
    await Promise.all([this.waitForAnotherOrigin(), this.buyNow.dblclick()]);
  }

  /** Clicks Buy now on the page as the browser shows it now (after going back), without waiting for anything. */
  async clickBuyAgain(): Promise<void> {
    await this.buyNow.click();
  }

  /** True when the browser shows this page. */
  isCurrentPage(): boolean {
    const url = new URL(this.page.url());
    return url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '/';
  }

  /**
   * Resolves once the browser shows another site (Stripe's page). Watches the address rather than one navigation: a
   * double click starts two, and the browser aborts the first (waitForURL would fail on that abort). 30 s: on a busy
   * CI machine the shop's two checkout creations and the redirect once took longer than 15 s.
   */
  private async waitForAnotherOrigin(): Promise<void> {
    const shop = new URL(this.merchantBaseUrl).origin;
    await expect(this.page, "the browser leaves the shop for Stripe's payment page").toHaveURL((url) => url.origin !== shop, {
      timeout: 30_000,
    });
  }
}
