import type { ApiCallRecord } from '../../src/rateBudget/apiCallLog';
import { peakInWindow } from '../../src/rateBudget/usageRecorder';
import { PUBLISHED_LIMITS, RATE_ZONES, type PublishedLimit, type RateZone } from '../../src/rateBudget/zones';

export type { ApiCallRecord } from '../../src/rateBudget/apiCallLog';

/** One zone's calls in a run, against its published limit. */
export interface ZoneCalls {
  calls: number;
  /** The most call starts in any window of the zone's length, across all workers. */
  peak: number;
  limit: number;
  windowMs: number;
  /** peak ÷ limit, in percent. */
  percentOfLimit: number;
  status429: number;
}

export type RunCalls = Record<RateZone, ZoneCalls>;

/** Whether a parsed line of REHEARSAL_API_CALL_LOG is an API call record (src/rateBudget/apiCallLog.ts). */
export function isApiCallRecord(value: unknown): value is ApiCallRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { zone, at, status } = value as Record<string, unknown>;
  return (
    typeof zone === 'string' && (RATE_ZONES as readonly string[]).includes(zone) &&
    typeof at === 'number' && Number.isFinite(at) &&
    (status === null || (typeof status === 'number' && Number.isInteger(status)))
  );
}

/** Calls, peak rate (sliding window of the zone's length) and 429s per zone; every zone is present, idle ones at 0. */
export function summarizeApiCalls(
  records: readonly ApiCallRecord[],
  limits: Readonly<Record<RateZone, PublishedLimit>> = PUBLISHED_LIMITS,
): RunCalls {
  const summary = {} as RunCalls;
  for (const zone of RATE_ZONES) {
    const own = records.filter((record) => record.zone === zone);
    const { limit, windowMs } = limits[zone];
    const peak = peakInWindow(own.map((record) => record.at), windowMs);
    summary[zone] = {
      calls: own.length,
      peak,
      limit,
      windowMs,
      percentOfLimit: (peak / limit) * 100,
      status429: own.filter((record) => record.status === 429).length,
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

/** 429 answers over every zone of the run. */
export function count429(run: RunCalls): number {
  return RATE_ZONES.reduce((sum, zone) => sum + run[zone].status429, 0);
}
