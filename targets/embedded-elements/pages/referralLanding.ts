import type { Page } from '@playwright/test';

/** What the tracking snippet announced on this visit: the click it recorded, or why it could not. */
type SnippetOutcome = { clickId: string } | { failure: unknown };

declare global {
  interface Window {
    __rehearsalSnippetOutcome?: SnippetOutcome;
  }
}

/** A page of Kissa opened from a partner's referral link (`?ref=<partner>`), with the platform's tracking snippet. */
export class ReferralLanding {
  constructor(private readonly page: Page) {}

  /**
   * Opens the link and resolves with the click id once the snippet announces `referral:click-recorded` for this
   * visit (an older click's cookie does not count); fails with the snippet's reason on `referral:click-failed`.
   */
  async open(url: string, timeoutMs = 15_000): Promise<{ clickId: string }> {
    await this.page.addInitScript(() => {
      document.addEventListener('referral:click-recorded', (event) => {
        window.__rehearsalSnippetOutcome = { clickId: String((event as CustomEvent<{ clickId: string }>).detail.clickId) };
      });
      document.addEventListener('referral:click-failed', (event) => {
        window.__rehearsalSnippetOutcome = { failure: (event as CustomEvent).detail };
      });
    });
    await this.page.goto(url);
    const handle = await this.page
      .waitForFunction(() => window.__rehearsalSnippetOutcome, undefined, { timeout: timeoutMs })
      .catch(() => {
        throw new Error(
          `The tracking snippet on ${new URL(url).pathname} announced no click within ${timeoutMs} ms (is the snippet tag on the page?).`,
        );
      });
    const outcome = (await handle.jsonValue()) as SnippetOutcome;
    if ('failure' in outcome) throw new Error(`The tracking snippet could not record the click: ${JSON.stringify(outcome.failure)}`);
    return { clickId: outcome.clickId };
  }
}
