import { expect, type Page } from '@playwright/test';

/**
 * Kissa's pricing page (`/pricing`): the Tea Club card with an email field and a Subscribe button, which leads to
 * the shop's checkout page. `?test_clock=<clock id>` (test mode only) creates the customer on that test clock.
 */
export class PricingPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(options: { testClockId?: string } = {}): Promise<void> {
    const query = options.testClockId ? `?test_clock=${encodeURIComponent(options.testClockId)}` : '';
    await this.page.goto(new URL(`/pricing${query}`, this.merchantBaseUrl).href);
  }

  /** Submits the plan's form; resolves on the shop's checkout page. */
  async subscribe(planSlug: string, email: string): Promise<void> {
    const card = this.page.getByTestId(`plan-card-${planSlug}`);
    await expect(card, `the pricing page offers the plan "${planSlug}"`).toBeVisible();
    await card.getByTestId('email').fill(email);
    await Promise.all([this.page.waitForURL((url) => url.pathname.startsWith('/checkout/')), card.getByTestId('subscribe-button').click()]);
  }
}
