import type { ApiCallRecord } from '../../src/run/rateBudget/apiCallLog';
import { DEFAULT_BUDGET_FRACTION } from '../../src/run/rateBudget/budgetConfig';
import { summarizeZoneCalls } from '../../src/run/rateBudget/runApiUsage';
import { PUBLISHED_LIMITS, RATE_ZONES, type PublishedLimit, type RateZone } from '../../src/run/rateBudget/zones';

export type { ApiCallRecord } from '../../src/run/rateBudget/apiCallLog';

/** One zone's calls in a run, against its published limit. */
export interface ZoneCalls {
  calls: number;
  /** The most call starts in any window of the zone's length, across all workers. */
  peak: number;
  limit: number;
  windowMs: number;
  /** peak ÷ limit, in percent, unrounded: the verdict "≤ 50 %" is decided on the exact figure. */
  percentOfLimit: number;
  status429: number;
}

export type RunCalls = Record<RateZone, ZoneCalls>;

/** Calls, peak rate (sliding window of the zone's length) and 429s per zone; every zone is present, idle ones at 0. */
export function summarizeApiCalls(
  records: readonly ApiCallRecord[],
  limits: Readonly<Record<RateZone, PublishedLimit>> = PUBLISHED_LIMITS,
): RunCalls {
  const summary = {} as RunCalls;
  for (const zone of RATE_ZONES) {
    const { limit, windowMs } = limits[zone];
    const own = records.filter((record) => record.zone === zone);
    const usage = summarizeZoneCalls(own, { windowMs, limit, budgetFraction: DEFAULT_BUDGET_FRACTION });
    summary[zone] = {
      calls: usage.calls,
      peak: usage.peakRate,
      limit,
      windowMs,
      percentOfLimit: (usage.peakRate / limit) * 100,
      status429: usage.status429,
    };
  }
  return summary;
}

/** Per zone, the run that came closer to the limit (ties: the first). */
export function worsePerZone(runs: readonly RunCalls[]): RunCalls | undefined {
  if (runs.length === 0) return undefined;
  const worse = {} as RunCalls;
  for (const zone of RATE_ZONES) {
    worse[zone] = runs.map((run) => run[zone]).reduce((a, b) => (b.percentOfLimit > a.percentOfLimit ? b : a));
  }
  return worse;
}

/**
 * One stage's API calls over its rounds: per zone the round that came closer to the limit (worsePerZone), with the
 * 429s of every round, so that a faster round cannot hide a slower round's peak or throttling.
 */
export function acrossRounds(rounds: readonly RunCalls[]): RunCalls | undefined {
  const worse = worsePerZone(rounds);
  if (!worse) return undefined;
  const all = {} as RunCalls;
  for (const zone of RATE_ZONES) all[zone] = { ...worse[zone], status429: rounds.reduce((sum, round) => sum + round[zone].status429, 0) };
  return all;
}

/** 429 answers over every zone of the run. */
export function count429(run: RunCalls): number {
  return RATE_ZONES.reduce((sum, zone) => sum + run[zone].status429, 0);
}
