import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'lantern_session';

/**
 * Which Stripe customer a browser is: set by the Oil Club's welcome page. The cookie carries a random session id,
 * never the customer id itself (a customer id in a cookie would let anyone open someone else's billing portal).
 */
export class BrowserSessions {
  private readonly customers = new Map<string, string>();

  start(customerId: string): string {
    const id = randomBytes(24).toString('base64url');
    this.customers.set(id, customerId);
    return id;
  }

  customerOf(sessionId: string | undefined): string | undefined {
    return sessionId ? this.customers.get(sessionId) : undefined;
  }
}

/** The Set-Cookie header for a browser session (HttpOnly, SameSite=Lax, Secure on https). */
export function sessionCookie(sessionId: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${30 * 24 * 60 * 60}${secure ? '; Secure' : ''}`;
}
