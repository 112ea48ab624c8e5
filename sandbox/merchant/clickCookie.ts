/** The first-party cookie the referral platform's tracking snippet stores the click id in. */
export const CLICK_COOKIE = 'referral_click_id';

const CLICK_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The click id in the snippet's cookie, when it looks like one; null otherwise. */
export function clickIdFrom(cookies: Record<string, string | undefined>, cookieName = CLICK_COOKIE): string | null {
  const value = cookies[cookieName] ?? '';
  return CLICK_ID.test(value) ? value : null;
}
