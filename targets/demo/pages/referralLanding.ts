import { expect, type Page } from '@playwright/test';

const CLICK_COOKIE = 'referral_click_id';

/** The merchant page a referral link lands on, with the referral platform's tracking snippet. */
export class ReferralLanding {
  constructor(private readonly page: Page) {}

  /** Opens the link and waits for the snippet to record the click (it keeps the click id in a cookie). */
  async open(url: string): Promise<{ clickId: string }> {
    await this.page.goto(url);
    let clickId: string | undefined;
    await expect
      .poll(
        async () => {
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
