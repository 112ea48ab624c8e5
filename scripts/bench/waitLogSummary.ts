import type { ObservationRecord, Release } from '../../src/run/polling/observationLog';
import { percentile } from './percentiles';

/** One wait of the harness (pollUntil or the sink's waitForDelivery), one line of REHEARSAL_OBSERVATION_LOG. */
export type WaitRecord = ObservationRecord;

const RELEASES: readonly Release[] = ['first-check', 'push', 'poll', 'timeout', 'settle-window'];

/** The waits of one rehearsal: how each was released, and how long they took. */
export interface WaitSummary {
  waits: number;
  released: Record<Release, number>;
  failed: number;
  /** 95th percentile of endedAt − startedAt over the waits that passed (settle windows left out: they last by design). */
  p95WaitMs?: number;
  /** Absences watched for a whole settle window ("no conversion for a declined card"), and their time summed. */
  settleWindows: number;
  settleMs: number;
  /** Every wait's endedAt − startedAt, summed: how much of the run's wall time was spent waiting (waits may overlap). */
  totalWaitMs: number;
}

/** Whether a parsed log line is a wait record. */
export function isWaitRecord(value: unknown): value is WaitRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.what === 'string' &&
    typeof record.startedAt === 'number' &&
    typeof record.endedAt === 'number' &&
    typeof record.passed === 'boolean' &&
    typeof record.checks === 'number' &&
    typeof record.releasedBy === 'string' &&
    (RELEASES as readonly string[]).includes(record.releasedBy)
  );
}

/** Counts per release and the p95 wait time of the passed waits. */
export function summarizeWaits(records: readonly WaitRecord[]): WaitSummary {
  const released = Object.fromEntries(RELEASES.map((release) => [release, 0])) as Record<Release, number>;
  for (const record of records) released[record.releasedBy] += 1;
  const settles = records.filter((record) => record.releasedBy === 'settle-window');
  const waits = records.filter((record) => record.releasedBy !== 'settle-window');
  const passed = waits.filter((record) => record.passed);
  return {
    waits: waits.length,
    released,
    failed: waits.length - passed.length,
    p95WaitMs: percentile(
      passed.map((record) => record.endedAt - record.startedAt),
      95,
    ),
    totalWaitMs: waits.reduce((sum, record) => sum + (record.endedAt - record.startedAt), 0),
    settleWindows: settles.length,
    settleMs: settles.reduce((sum, record) => sum + (record.endedAt - record.startedAt), 0),
  };
}
