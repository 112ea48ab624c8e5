import type { Page } from '@playwright/test';

/** The demo shop's product page: an email field and a Buy button that leads to the provider's checkout. */
export class ProductPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(slug: string): Promise<void> {
    await this.page.goto(new URL(`/products/${encodeURIComponent(slug)}`, this.merchantBaseUrl).toString());
  }

  /** Submits the order form; resolves once the browser has left the shop for the payment page. */
  async buy(email: string): Promise<void> {
    await this.page.getByTestId('email').fill(email);
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await Promise.all([
      this.page.waitForURL((url) => url.origin !== merchantOrigin),
      this.page.getByTestId('buy-button').click(),
    ]);
  }
}
