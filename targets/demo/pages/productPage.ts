import { expect, type Page } from '@playwright/test';

/** The demo shop's product page: an email field and a Buy button that leads to the provider's checkout. */
export class ProductPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(slug: string): Promise<void> {
    await this.page.goto(new URL(`/products/${encodeURIComponent(slug)}`, this.merchantBaseUrl).toString());
  }

  /**
   * Submits the order form (`doubleClick`: as an impatient customer does); resolves once the browser has left
   * the shop for the payment page.
   */
  async buy(email: string, options: { doubleClick?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('email').fill(email);
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    const buyButton = this.page.getByTestId('buy-button');
    if (options.doubleClick) {
      // The second click's submit aborts the first one's navigation: wait for where the browser ends up.
      await buyButton.dblclick();
      // Polled from page.url(): toHaveURL was seen to give up at once while the first navigation was being aborted.
      await expect
        .poll(() => new URL(this.page.url()).origin, { message: 'the double click leads to the payment page', timeout: 15_000 })
        .not.toBe(merchantOrigin);
      await this.page.waitForLoadState();
      return;
    }
    await Promise.all([this.page.waitForURL((url) => url.origin !== merchantOrigin), buyButton.click()]);
  }
}
