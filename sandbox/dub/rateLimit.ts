/**
 * Dub's rate limits per API key (https://dub.co/docs/api-reference/rate-limits), the **Pro** plan's figures:
 * 600 requests/min on the standard API, 2 requests/s on the analytics API (`GET /events`, `GET /analytics`).
 * (Partners and the Stripe app need Business, 1,200/min and 4/s; Pro's lower figures make the adapter's
 * back-off the one exercised.) SRC keys them on the hashed API key with Upstash's sliding window; a fixed window is
 * close enough here.
 */
export const STANDARD_LIMIT = { requests: 600, windowMs: 60_000 };
export const ANALYTICS_LIMIT = { requests: 2, windowMs: 1_000 };

export interface RateDecision {
  allowed: boolean;
  /** X-RateLimit-* and Retry-After, as Dub sends them on every authenticated response. */
  headers: Record<string, string>;
}

/** A fixed-window counter per key. */
export class DubRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly limit: { requests: number; windowMs: number }) {}

  take(key: string, now = Date.now()): RateDecision {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.limit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetMs = window.startedAt + this.limit.windowMs;
    // Docs: Reset in UTC epoch seconds, Retry-After in seconds. (SRC sends Upstash's reset timestamp in both: a quirk
    // the emulation does not copy; the adapter copes with either.)
    const headers = {
      'X-RateLimit-Limit': String(this.limit.requests),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit.requests - window.count)),
      'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
      'Retry-After': String(Math.max(1, Math.ceil((resetMs - now) / 1000))),
    };
    return { allowed: window.count <= this.limit.requests, headers };
  }
}
