/** How many API requests one secret may make per window. */
export interface RateLimitSettings {
  requests: number;
  windowMs: number;
}

/** "In most cases the API rate limit is 45 requests per 30 second window" ([3P] quoting the REST overview; see auth.ts). */
export const REWARDFUL_RATE_LIMIT: RateLimitSettings = { requests: 45, windowMs: 30_000 };

/** A fixed window per key; guess: fixed rather than sliding (the docs say "window" and nothing more). */
export class FixedWindow {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly settings: RateLimitSettings) {}

  take(key: string, now = Date.now()): { limited: boolean; remaining: number; resetSeconds: number } {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.settings.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.settings.windowMs - now) / 1000));
    return {
      limited: window.count > this.settings.requests,
      remaining: Math.max(0, this.settings.requests - window.count),
      resetSeconds,
    };
  }
}
