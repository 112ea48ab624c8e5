import { appendFileSync } from 'node:fs';
import type { RateZone } from './zones';

/** One API call attempt, as `npm run bench` reads it (REHEARSAL_API_CALL_LOG): its zone, start and answer. */
export interface ApiCallRecord {
  zone: RateZone;
  at: number;
  /** The HTTP status, or null when no answer came (connection error). */
  status: number | null;
}

/**
 * Appends the call as one JSON line to the file REHEARSAL_API_CALL_LOG names (every worker to the same file, so the
 * run's peak rate is measured across processes); does nothing without it. No key, path or body: zone and time only.
 */
export function logApiCall(record: ApiCallRecord, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.REHEARSAL_API_CALL_LOG;
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify(record)}\n`);
  } catch {
    // A benchmark's log must never fail a rehearsal.
  }
}
