import type { Page } from '@playwright/test';

/** The cookie Dub's script keeps the click id in (https://dub.co/docs/sdks/client-side/introduction). */
export const DUB_CLICK_COOKIE = 'dub_id';

/** The click id Dub's script left in this browser: the `dub_id` cookie of the page's site. */
export async function readDubClickId(page: Page): Promise<string | undefined> {
  const url = page.url();
  const cookies = await page.context().cookies(url.startsWith('http') ? url : undefined);
  const value = cookies.find((cookie) => cookie.name === DUB_CLICK_COOKIE)?.value;
  return value ? decodeURIComponent(value) : undefined;
}
