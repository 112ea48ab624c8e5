import { createHash } from 'node:crypto';
import { logApiCall } from './apiCallLog';
import { readRateBudgetConfig, type RateBudgetConfig } from './budgetConfig';
import type { BudgetSlot } from './budgetServer';
import { takeFromBudgetServer } from './budgetServerClient';
import { SlidingWindowLimiter } from './slidingWindowLimiter';
import { UsageRecorder, type ApiUsage } from './usageRecorder';
import { PUBLISHED_LIMITS, RATE_ZONES, type RateLimitName, type RateZone } from './zones';

/**
 * This process's rate budgets: one limiter per zone and key (secret key, publishable key, or the one IP), shared by
 * every client, and the usage they saw. Keys are kept only as short hashes. With a budget server (the config's
 * `budgetServerUrl`: a Playwright run's) the limiters are the server's, one budget for the whole run at `runFraction`;
 * without one, or once it cannot be reached, they are this process's own, at its share `fraction`.
 */
export class RateBudgets {
  readonly config: RateBudgetConfig;
  readonly recorder = new UsageRecorder();
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  /** The limit each zone was last held to (the provider's depends on the key's mode). */
  private readonly zoneLimits = new Map<RateZone, RateLimitName>();
  /** The run's budget server; undefined without one, or since it could not be reached. */
  private budgetServerUrl: string | undefined;

  constructor(config: RateBudgetConfig = readRateBudgetConfig()) {
    this.config = config;
    this.budgetServerUrl = config.budgetServerUrl;
  }

  /** Waits until the zone's budget for `key` allows one more call, then counts it; resolves its start. Never refuses. */
  async take(zone: RateZone, key: string, limitName: RateLimitName = zone): Promise<number> {
    const id = `${zone}:${limitName}:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
    this.zoneLimits.set(zone, limitName);
    const { at, waitedMs } = await this.slot(id, limitName);
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

  /** A slot from the run's budget server; from this process's own limiter without one, or when it cannot be reached. */
  private async slot(id: string, limitName: RateLimitName): Promise<BudgetSlot> {
    const serverUrl = this.budgetServerUrl;
    if (serverUrl) {
      const { budget, windowMs } = this.limitOf(limitName);
      try {
        return await takeFromBudgetServer(serverUrl, { id, budget, windowMs });
      } catch (error) {
        this.leaveBudgetServer(serverUrl, error);
      }
    }
    let limiter = this.limiters.get(id);
    if (!limiter) this.limiters.set(id, (limiter = new SlidingWindowLimiter({ ...this.limitOf(limitName) })));
    return limiter.take();
  }

  /** From now on this process keeps its own share of each limit; says so once. */
  private leaveBudgetServer(serverUrl: string, error: unknown): void {
    if (this.budgetServerUrl === undefined) return;
    this.budgetServerUrl = undefined;
    process.stderr.write(
      `Rate budget: the run's budget server at ${serverUrl} cannot be reached (${(error as Error).message}); ` +
        `this process keeps its own share (${this.config.fraction}) of each limit from now on.\n`,
    );
  }

  /** The zone's limit and the budget this process is held to: the whole run's with a budget server, else its share. */
  private limitOf(name: RateLimitName): { limit: number; budget: number; windowMs: number } {
    const limit = this.config.limits[name];
    const fraction = this.budgetServerUrl ? this.config.runFraction : this.config.fraction;
    return { limit, budget: Math.max(1, Math.floor(limit * fraction)), windowMs: PUBLISHED_LIMITS[name].windowMs };
  }
}

let shared: RateBudgets | undefined;
let workers = 1;

/**
 * Tells the process how many workers share the limits (Playwright's `config.workers`), before the first call: its own
 * share, should it have no budget server to ask, is the fraction ÷ the workers.
 */
export function setRateBudgetWorkers(count: number): void {
  if (shared || !Number.isInteger(count) || count < 1) return;
  workers = count;
}

/** The budgets every client in this process shares, read from the environment (REHEARSAL_RATE_BUDGET_URL too) on first use. */
export function processRateBudgets(): RateBudgets {
  shared ??= new RateBudgets(readRateBudgetConfig(process.env, workers));
  return shared;
}
