import { createHash } from 'node:crypto';
import { logApiCall } from './apiCallLog';
import { readRateBudgetConfig, type RateBudgetConfig } from './budgetConfig';
import { SlidingWindowLimiter } from './slidingWindowLimiter';
import { UsageRecorder, type ApiUsage } from './usageRecorder';
import { PUBLISHED_LIMITS, RATE_ZONES, type RateLimitName, type RateZone } from './zones';

/**
 * This process's rate budgets: one limiter per zone and key (secret key, publishable key, or the one IP), shared by
 * every client, and the usage they saw. Keys are kept only as short hashes.
 */
export class RateBudgets {
  readonly config: RateBudgetConfig;
  readonly recorder = new UsageRecorder();
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  /** The limit each zone was last held to (the provider's depends on the key's mode). */
  private readonly zoneLimits = new Map<RateZone, RateLimitName>();

  constructor(config: RateBudgetConfig = readRateBudgetConfig()) {
    this.config = config;
  }

  /** Waits until the zone's budget for `key` allows one more call, then counts it; resolves its start. Never refuses. */
  async take(zone: RateZone, key: string, limitName: RateLimitName = zone): Promise<number> {
    const id = `${zone}:${limitName}:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
    let limiter = this.limiters.get(id);
    if (!limiter) this.limiters.set(id, (limiter = new SlidingWindowLimiter({ ...this.limitOf(limitName) })));
    this.zoneLimits.set(zone, limitName);
    const { at, waitedMs } = await limiter.take();
    this.recorder.call(zone, at, waitedMs);
    return at;
  }

  /** The call started at `at` was answered with `status` (null: no answer); a 429 is counted for evidence. */
  answered(zone: RateZone, at: number, status: number | null): void {
    if (status === 429) this.recorder.saw429(zone);
    logApiCall({ zone, at, status });
  }

  /** Every zone's usage from `since` on (epoch ms). */
  usageSince(since: number): ApiUsage {
    const usage = {} as ApiUsage;
    for (const zone of RATE_ZONES) {
      const { limit, budget, windowMs } = this.limitOf(this.zoneLimits.get(zone) ?? zone);
      usage[zone] = this.recorder.usage(zone, since, { limit, budget, windowMs });
    }
    return usage;
  }

  private limitOf(name: RateLimitName): { limit: number; budget: number; windowMs: number } {
    const limit = this.config.limits[name];
    return { limit, budget: Math.max(1, Math.floor(limit * this.config.fraction)), windowMs: PUBLISHED_LIMITS[name].windowMs };
  }
}

let shared: RateBudgets | undefined;
let workers = 1;

/** Tells the process how many workers share the limits (Playwright's `config.workers`); before the first call. */
export function setRateBudgetWorkers(count: number): void {
  if (shared || !Number.isInteger(count) || count < 1) return;
  workers = count;
}

/** The budgets every client in this process shares, read from the environment on first use. */
export function processRateBudgets(): RateBudgets {
  shared ??= new RateBudgets(readRateBudgetConfig(process.env, workers));
  return shared;
}
