import { expect, type Page } from '@playwright/test';

/** Kissa's product page: an email field and a Buy button that lead to the shop's own checkout page. */
export class ProductPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  /** The product page's path, as the order form's page. */
  static path(slug: string): string {
    return `/products/${encodeURIComponent(slug)}`;
  }

  async open(slug: string): Promise<void> {
    await this.page.goto(new URL(ProductPage.path(slug), this.merchantBaseUrl).toString());
    await expect(this.page.getByTestId('buy-button'), `Kissa's product page for "${slug}" shows its Buy button`).toBeVisible();
  }

  /** Submits the order form (`doubleClick`: as an impatient customer does); resolves on the shop's checkout page. */
  async buy(email: string, options: { doubleClick?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('email').fill(email);
    const button = this.page.getByTestId('buy-button');
    if (options.doubleClick) await button.dblclick();
    else await button.click();
    // After a double click the second submit replaces the first one's navigation: wait for where the browser ends up.
    await expect
      .poll(() => new URL(this.page.url()).pathname, { message: 'the Buy form leads to the checkout page', timeout: 15_000 })
      .toMatch(/^\/checkout\//);
    await this.page.waitForLoadState();
  }
}
