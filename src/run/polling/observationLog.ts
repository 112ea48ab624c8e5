import { appendLine } from '../../base/appendLine';

/**
 * How a wait ended: found by its first check, by a check a pushed event woke, by a timed re-check, or not at all; or
 * an absence watched for its whole settle window (`settle-window`: nothing appeared; it always lasts the window).
 */
export type Release = 'first-check' | 'push' | 'poll' | 'timeout' | 'settle-window';

/** One wait of the harness, as `npm run bench` reads it (REHEARSAL_OBSERVATION_LOG). */
export interface ObservationRecord {
  what: string;
  startedAt: number;
  endedAt: number;
  passed: boolean;
  checks: number;
  releasedBy: Release;
}

/**
 * Appends the record as one JSON line to the file REHEARSAL_OBSERVATION_LOG names (every worker to the same file; a
 * line is one small write, so lines never interleave); does nothing without it. Holds no evidence, only timings.
 */
export function logObservation(record: ObservationRecord, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.REHEARSAL_OBSERVATION_LOG;
  if (file) appendLine(file, JSON.stringify(record));
}
