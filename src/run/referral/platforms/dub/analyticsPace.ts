import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Dub's analytics API (`GET /events`) allows 2 requests a second per API key on the Pro plan
 * (https://dub.co/docs/api-reference/rate-limits): the harness's polling would exceed that in a burst, so this
 * process spaces its analytics calls to at most `perSecond` in any second, per key (kept by reference, never logged).
 * Other processes using the same key can still cause a 429, which DubHttp waits out.
 */
export class AnalyticsPace {
  private readonly starts = new Map<string, number[]>();

  /** `windowMs` is a little over a second: a request reaches Dub some milliseconds after it leaves. */
  constructor(
    private readonly perSecond = 2,
    private readonly windowMs = 1100,
  ) {}

  async take(key: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const recent = (this.starts.get(key) ?? []).filter((at) => now - at < this.windowMs);
      if (recent.length < this.perSecond) {
        recent.push(now);
        this.starts.set(key, recent);
        return;
      }
      await sleep(recent[0]! + this.windowMs - now + 1);
    }
  }
}

/** One pace per process, shared by every Dub adapter in it. */
export const ANALYTICS_PACE = new AnalyticsPace();
