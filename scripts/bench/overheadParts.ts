import type { WaitSummary } from './waitLogSummary';

/**
 * What the harness adds to the bare browser steps (stage A − stage C, both on 1 worker), as far as stage A's
 * observation log tells.
 */
export interface OverheadParts {
  /** A − C: the time the full rehearsal takes beyond the browser steps alone. */
  overheadMs: number;
  /** Stage A's settle windows (absence watched for its whole window), summed, and how many. */
  settleMs: number;
  settleWindows: number;
  /** Stage A's waits for events, summed, and how many. */
  waitMs: number;
  waits: number;
  /**
   * The overhead the observation log does not account for: the preflight projects' worker starts, evidence
   * screenshots, the API-driven steps the bare run leaves out, flow records, cleanup. Never below 0 (waits of one
   * test may overlap, so their sum can exceed the time they took).
   */
  restMs: number;
}

/** Splits the overhead of stage A over stage C into the waits stage A logged and the rest. */
export function overheadParts(fullRehearsalMs: number, browserStepsMs: number, waits: WaitSummary): OverheadParts {
  const overheadMs = fullRehearsalMs - browserStepsMs;
  return {
    overheadMs,
    settleMs: waits.settleMs,
    settleWindows: waits.settleWindows,
    waitMs: waits.totalWaitMs,
    waits: waits.waits,
    restMs: Math.max(0, overheadMs - waits.settleMs - waits.totalWaitMs),
  };
}
