import { expect, type Page } from '@playwright/test';

/**
 * The demo shop's pricing page (`/pricing`): one card per plan with an email field and a Subscribe button.
 * `?test_clock=<clock id>` (test mode only) makes the shop create the customer on that provider test clock.
 */
export class PricingPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async open(options: { testClockId?: string } = {}): Promise<void> {
    const url = new URL('/pricing', this.merchantBaseUrl);
    if (options.testClockId) url.searchParams.set('test_clock', options.testClockId);
    await this.page.goto(url.toString());
  }

  /** Submits the plan's form; resolves once the browser has left the shop for the payment page. */
  async subscribe(planSlug: string, email: string): Promise<void> {
    const card = this.page.getByTestId(`plan-card-${planSlug}`);
    await expect(card, `the pricing page offers the plan "${planSlug}"`).toBeVisible();
    // The email field and button sit in the plan's card when there are several plans, else once on the page.
    const inCardOrPage = (testId: string) => card.getByTestId(testId).or(this.page.getByTestId(testId)).first();
    await inCardOrPage('email').fill(email);
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await Promise.all([this.page.waitForURL((url) => url.origin !== merchantOrigin), inCardOrPage('subscribe-button').click()]);
  }
}
