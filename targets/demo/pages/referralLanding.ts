import { expect, type Page } from '@playwright/test';

const CLICK_COOKIE = 'referral_click_id';

/** The merchant page a referral link lands on, with the referral platform's tracking snippet. */
export class ReferralLanding {
  constructor(private readonly page: Page) {}

  /**
   * Opens the link and waits until the snippet has recorded the click (it keeps the click id in a cookie);
   * fails at once with the snippet's reason when it announces `referral:click-failed`.
   */
  async open(url: string): Promise<{ clickId: string }> {
    await this.page.addInitScript(() => {
      document.addEventListener('referral:click-failed', (event) => {
        (window as unknown as { referralClickFailure?: unknown }).referralClickFailure = (event as CustomEvent).detail;
      });
    });
    await this.page.goto(url);
    let clickId: string | undefined;
    await expect
      .poll(
        async () => {
          const failure = await this.page.evaluate(() => (window as unknown as { referralClickFailure?: unknown }).referralClickFailure);
          if (failure !== undefined) throw new Error(`The tracking snippet could not record the click: ${JSON.stringify(failure)}`);
          clickId = await this.clickCookie(url);
          return clickId;
        },
        { message: `the tracking snippet sets the ${CLICK_COOKIE} cookie after opening the referral link` },
      )
      .toBeTruthy();
    return { clickId: clickId! };
  }

  private async clickCookie(url: string): Promise<string | undefined> {
    const cookies = await this.page.context().cookies(url);
    return cookies.find((cookie) => cookie.name === CLICK_COOKIE)?.value;
  }
}
