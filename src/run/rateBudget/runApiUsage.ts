import { readFile } from 'node:fs/promises';
import { runApiCallLogFile, RUN_API_CALL_LOG, type ApiCallRecord } from './apiCallLog';
import { DEFAULT_BUDGET_FRACTION, readRateBudgetConfig, type RateBudgetConfig } from './budgetConfig';
import { peakInWindow } from './usageRecorder';
import { PUBLISHED_LIMITS, RATE_ZONES, type RateLimitName, type RateZone } from './zones';

/** One zone's calls over the whole run, every worker process together. */
export interface RunZoneUsage {
  calls: number;
  /** The most calls that started in any one window, across every worker. */
  peakRate: number;
  window: '1s' | '60s';
  /** The limit per window the run was held to (the provider's live limit in a live run). */
  limit: number;
  /** The share of the limit the whole run allows itself (REHEARSAL_RATE_BUDGET_FRACTION, default 0.5). */
  budgetFraction: number;
  /** The peak as a percentage of the limit, one decimal. */
  percentOfLimit: number;
  /** Answers with status 429 (too many requests). */
  status429: number;
  /** The peak went over budgetFraction × limit. */
  overBudget: boolean;
}

/** The run's API calls per zone, read from `<runDir>/evidence/api-calls.jsonl`. */
export interface RunApiUsage {
  /** The call log, relative to the run directory. */
  file: typeof RUN_API_CALL_LOG;
  zones: Record<RateZone, RunZoneUsage>;
  /** Lines that were not a call record (skipped: they count nothing). */
  badLines: number;
}

export interface RunApiUsageOptions {
  /** The run's mode: in a live run the provider is held to its live limit. */
  mode: string;
  /** Where REHEARSAL_RATE_BUDGET_FRACTION and REHEARSAL_RATE_LIMITS are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads the run's call log (every worker appended to it) and gives, per zone, the calls, the peak in any window of the
 * zone's length, the limit and budget fraction, and the 429s. Undefined when the run has no call log; lines that are
 * not call records are skipped and counted. A configuration that cannot be read gives the published limits.
 */
export async function readRunApiUsage(runDir: string, options: RunApiUsageOptions): Promise<RunApiUsage | undefined> {
  let text: string;
  try {
    text = await readFile(runApiCallLogFile(runDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { records, badLines } = parseCallLog(text);
  const config = budgetConfig(options.env ?? process.env);
  const zones = {} as Record<RateZone, RunZoneUsage>;
  for (const zone of RATE_ZONES) {
    const limitName: RateLimitName = zone === 'provider' && options.mode === 'live' ? 'providerLive' : zone;
    const own = records.filter((record) => record.zone === zone);
    zones[zone] = summarizeZoneCalls(own, {
      windowMs: PUBLISHED_LIMITS[limitName].windowMs,
      limit: config.limits[limitName],
      budgetFraction: config.runFraction,
    });
  }
  return { file: RUN_API_CALL_LOG, zones, badLines };
}

/** The call records of a call log's lines; blank lines are ignored, any other line that is not a record is counted. */
export function parseCallLog(text: string): { records: ApiCallRecord[]; badLines: number } {
  const records: ApiCallRecord[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = asCallRecord(line);
    if (record) records.push(record);
    else badLines += 1;
  }
  return { records, badLines };
}

function asCallRecord(line: string): ApiCallRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isApiCallRecord(value) ? { zone: value.zone, at: value.at, status: value.status } : undefined;
}

/** Whether a parsed call-log line is an API call record: a known zone, a finite start time, an integer status or null. */
export function isApiCallRecord(value: unknown): value is ApiCallRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { zone, at, status } = value as Record<string, unknown>;
  return (
    RATE_ZONES.includes(zone as RateZone) &&
    typeof at === 'number' &&
    Number.isFinite(at) &&
    (status === null || (typeof status === 'number' && Number.isInteger(status)))
  );
}

/** What one zone is held to: the length of its window, the limit per window and the share of it the run allows itself. */
export interface ZoneLimit {
  windowMs: number;
  limit: number;
  budgetFraction: number;
}

/** One zone's calls, peak in any window of the zone's length, share of the limit and 429s; `records` are that zone's only. */
export function summarizeZoneCalls(records: readonly ApiCallRecord[], { windowMs, limit, budgetFraction }: ZoneLimit): RunZoneUsage {
  const peakRate = peakInWindow(
    records.map((record) => record.at),
    windowMs,
  );
  return {
    calls: records.length,
    peakRate,
    window: windowMs === 1_000 ? '1s' : '60s',
    limit,
    budgetFraction,
    percentOfLimit: Math.round((peakRate / limit) * 1_000) / 10,
    status429: records.filter((record) => record.status === 429).length,
    overBudget: peakRate > budgetFraction * limit,
  };
}

/** The whole run's fraction (not one worker's share) and the limits. */
function budgetConfig(env: NodeJS.ProcessEnv): RateBudgetConfig {
  try {
    return readRateBudgetConfig(env, 1);
  } catch {
    const limits = Object.fromEntries(Object.entries(PUBLISHED_LIMITS).map(([name, published]) => [name, published.limit]));
    return { fraction: DEFAULT_BUDGET_FRACTION, runFraction: DEFAULT_BUDGET_FRACTION, limits: limits as RateBudgetConfig['limits'] };
  }
}
