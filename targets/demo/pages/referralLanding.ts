import { expect, type Page } from '@playwright/test';
import type { SandboxReferralPlatform } from '../../../sandbox/referralPlatformChoice';

const CLICK_COOKIE = 'referral_click_id';
/** Dub's analytics script keeps the click id in the first-party cookie `dub_id` (https://dub.co/docs/sdks/client-side/introduction). */
const DUB_CLICK_COOKIE = 'dub_id';

/** The merchant page a referral link lands on, with the referral platform's tracking snippet. */
export class ReferralLanding {
  constructor(
    private readonly page: Page,
    private readonly platform: SandboxReferralPlatform = 'dress-rehearsal',
  ) {}

  /**
   * Opens the link and waits until the platform's script has recorded the click (or visit), returning its id:
   * ours keeps it in the `referral_click_id` cookie and fails at once with its reason when it announces
   * `referral:click-failed`; Rewardful's exposes the visit's referral id as `Rewardful.referral`
   * (https://developers.rewardful.com/javascript-api/overview); Dub's sets the `dub_id` cookie.
   */
  async open(url: string): Promise<{ clickId: string }> {
    if (this.platform === 'rewardful')
      return this.openWith(
        url,
        () => this.rewardfulReferral(),
        "Rewardful's script exposes the visit as Rewardful.referral after opening the referral link (click not recorded)",
      );
    if (this.platform === 'dub')
      return this.openWith(
        url,
        () => this.cookie(url, DUB_CLICK_COOKIE),
        `Dub's analytics script sets the ${DUB_CLICK_COOKIE} cookie after opening the referral link (click not recorded)`,
      );
    await this.page.addInitScript(() => {
      document.addEventListener('referral:click-failed', (event) => {
        (window as unknown as { referralClickFailure?: unknown }).referralClickFailure = (event as CustomEvent).detail;
      });
    });
    return this.openWith(
      url,
      async () => {
        const failure = await this.page.evaluate(() => (window as unknown as { referralClickFailure?: unknown }).referralClickFailure);
        if (failure !== undefined) throw new Error(`The tracking snippet could not record the click: ${JSON.stringify(failure)}`);
        return this.cookie(url, CLICK_COOKIE);
      },
      `the tracking snippet sets the ${CLICK_COOKIE} cookie after opening the referral link`,
    );
  }

  private async openWith(url: string, read: () => Promise<string | undefined>, message: string): Promise<{ clickId: string }> {
    await this.page.goto(url);
    let clickId: string | undefined;
    await expect
      .poll(
        async () => {
          clickId = await read();
          return clickId;
        },
        { message },
      )
      .toBeTruthy();
    return { clickId: clickId! };
  }

  private async rewardfulReferral(): Promise<string | undefined> {
    const referral = await this.page.evaluate(() => (window as unknown as { Rewardful?: { referral?: unknown } }).Rewardful?.referral);
    return typeof referral === 'string' && referral ? referral : undefined;
  }

  private async cookie(url: string, name: string): Promise<string | undefined> {
    const cookies = await this.page.context().cookies(url);
    return cookies.find((cookie) => cookie.name === name)?.value;
  }
}
