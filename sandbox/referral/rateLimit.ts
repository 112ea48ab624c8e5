/**
 * Fixed-window request counter per key (publishable key, IP). Hand-written: @fastify/rate-limit is not
 * installed, and one in-memory window per key is all a single-process sandbox needs.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request; returns the seconds to wait when over the limit, or null when allowed. */
  take(key: string, now = Date.now()): number | null {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }
}

/** Limits from referral-domain.md: tracking 1,000/min per publishable key, general API 300/min per IP. */
export const CLICKS_PER_MINUTE_PER_KEY = 1000;
export const API_REQUESTS_PER_MINUTE_PER_IP = 300;
