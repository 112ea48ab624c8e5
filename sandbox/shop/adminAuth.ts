import { randomBytes } from 'node:crypto';
import { sameSecret } from '../merchant/bearerAuth';

export const ADMIN_COOKIE = 'shop_admin_session';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** Admin sign-ins: the cookie holds a random session id, never the admin key itself. */
export class AdminSessions {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly adminKey: string) {}

  /** A new session id when the key is right, otherwise undefined. */
  signIn(givenKey: string): string | undefined {
    if (!sameSecret(givenKey, this.adminKey)) return undefined;
    const id = randomBytes(24).toString('base64url');
    this.expiries.set(id, Date.now() + SESSION_LIFETIME_MS);
    return id;
  }

  isSignedIn(sessionId: string | undefined): boolean {
    if (!sessionId) return false;
    const expiry = this.expiries.get(sessionId);
    if (expiry === undefined) return false;
    if (expiry < Date.now()) {
      this.expiries.delete(sessionId);
      return false;
    }
    return true;
  }

  signOut(sessionId: string | undefined): void {
    if (sessionId) this.expiries.delete(sessionId);
  }

  get cookieMaxAgeSeconds(): number {
    return SESSION_LIFETIME_MS / 1000;
  }
}
