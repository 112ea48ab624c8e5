import type { Page } from '@playwright/test';

/** The cookie Rewardful's script keeps the referral in (the name from third-party code, [3P]; its JSON value a guess). */
export const REFERRAL_COOKIE = 'rewardful.referral';

/**
 * The referral id in this browser: `window.Rewardful.referral` ('' when none:
 * https://developers.rewardful.com/javascript-api/overview), else the `rewardful.referral` cookie, whose value is JSON
 * with an `id` or the bare id.
 */
export async function readBrowserReferral(page: Page): Promise<string | undefined> {
  const fromScript = await page
    .evaluate(() => {
      const rewardful = (window as unknown as { Rewardful?: { referral?: unknown } }).Rewardful;
      return typeof rewardful?.referral === 'string' ? rewardful.referral : '';
    })
    .catch(() => '');
  if (fromScript) return fromScript;
  const url = page.url();
  const cookies = await page.context().cookies(url.startsWith('http') ? [url] : []);
  const cookie = cookies.find((c) => c.name === REFERRAL_COOKIE);
  return cookie ? referralIdOfCookie(cookie.value) : undefined;
}

export function referralIdOfCookie(value: string): string | undefined {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // not encoded
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string')
      return (parsed as { id: string }).id || undefined;
  } catch {
    // a bare id
  }
  return text.trim() || undefined;
}
