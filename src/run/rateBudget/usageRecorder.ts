import type { RateZone } from './zones';

/** One zone's calls within a span of time, as evidence shows them. */
export interface ZoneUsage {
  calls: number;
  /** The most calls that started in any one window (1 s for the provider, 60 s for the referral zones). */
  peakRate: number;
  /** The published limit per window. */
  limit: number;
  /** The calls per window this process is held to: the whole run's budget when a budget server holds it. */
  budget: number;
  window: '1s' | '60s';
  /** How long calls waited for the budget, summed. */
  throttledMs: number;
  /** Answers with status 429 (too many requests). */
  status429: number;
}

/** What evidence shows per test: the usage of every zone. */
export type ApiUsage = Record<RateZone, ZoneUsage>;

interface ZoneLog {
  starts: number[];
  waits: { at: number; ms: number }[];
  status429: number[];
}

/** Keeps every call's start, wait and 429 per zone for this process, to report any span of it. */
export class UsageRecorder {
  private readonly logs = new Map<RateZone, ZoneLog>();

  call(zone: RateZone, at: number, waitedMs: number): void {
    const log = this.log(zone);
    log.starts.push(at);
    if (waitedMs > 0) log.waits.push({ at, ms: waitedMs });
  }

  saw429(zone: RateZone, at = Date.now()): void {
    this.log(zone).status429.push(at);
  }

  /** The zone's usage from `since` on (epoch ms). */
  usage(zone: RateZone, since: number, limits: { limit: number; budget: number; windowMs: number }): ZoneUsage {
    const log = this.log(zone);
    const starts = log.starts.filter((at) => at >= since);
    return {
      calls: starts.length,
      peakRate: peakInWindow(starts, limits.windowMs),
      limit: limits.limit,
      budget: limits.budget,
      window: limits.windowMs === 1_000 ? '1s' : '60s',
      throttledMs: log.waits.filter((wait) => wait.at >= since).reduce((sum, wait) => sum + wait.ms, 0),
      status429: log.status429.filter((at) => at >= since).length,
    };
  }

  private log(zone: RateZone): ZoneLog {
    let log = this.logs.get(zone);
    if (!log) this.logs.set(zone, (log = { starts: [], waits: [], status429: [] }));
    return log;
  }
}

/** The most times in any half-open window [t, t + windowMs). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! - sorted[start]! < windowMs) end++;
    peak = Math.max(peak, end - start);
  }
  return peak;
}
