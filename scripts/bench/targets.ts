/**
 * The benchmark's targets (issue 8), as decided for a 2-core machine (issue 20), and the rules that judge the two
 * ratios. Every other target is a plain "at most" or "at least" comparison made where its row is built (verdicts.ts).
 */
export const TARGETS = {
  /** Full rehearsal ÷ the same browser steps alone, 1 worker (stage A ÷ stage C). */
  overheadRatioMax: 1.3,
  /** From an event's creation at its source to the wait for it passing, against the sandbox. */
  delayP95MaxMs: 150,
  status429Max: 0,
  /** Peak rate of every zone, in percent of its published limit. */
  peakPercentMax: 50,
  /**
   * The rehearsal's 2-worker speed-up (A ÷ B) as a share of this machine's ceiling measured in the same run: the
   * browser steps alone on 2 workers over 1 (C ÷ E). What 2 workers can gain depends on the cores, so the rehearsal
   * is judged against what the bare browser steps gain on the same machine at the same time.
   */
  speedUpShareOfCeilingMin: 0.9,
} as const;

/** Wall times (ms) of the bench's Playwright stages that the two ratios are made of. */
export interface StageWallTimes {
  /** Full rehearsal, 1 worker. */
  A: number;
  /** Full rehearsal, 2 workers. */
  B: number;
  /** The browser steps alone, 1 worker. */
  C: number;
  /** The browser steps alone, 2 workers. */
  E: number;
}

/** Full rehearsal ÷ the browser steps alone, both on 1 worker. */
export function overheadRatio({ A, C }: Pick<StageWallTimes, 'A' | 'C'>): number {
  return A / C;
}

/** Whether the overhead ratio is within its target (≤ 1.3). */
export function meetsOverheadTarget(ratio: number): boolean {
  return ratio <= TARGETS.overheadRatioMax;
}

/** The rehearsal's 2-worker speed-up, A ÷ B. */
export function rehearsalSpeedUp({ A, B }: Pick<StageWallTimes, 'A' | 'B'>): number {
  return A / B;
}

/** This machine's ceiling: the browser steps alone on 2 workers over 1, C ÷ E. */
export function machineCeiling({ C, E }: Pick<StageWallTimes, 'C' | 'E'>): number {
  return C / E;
}

/**
 * (A ÷ B) ÷ (C ÷ E), computed as (A × E) ÷ (B × C): one division, so that a share of exactly 90 % is not judged
 * by a rounding error of the intermediate ratios.
 */
export function speedUpShareOfCeiling({ A, B, C, E }: StageWallTimes): number {
  return (A * E) / (B * C);
}

/** Whether the speed-up reaches its target: at least 90 % of the ceiling measured in the same run. */
export function meetsSpeedUpTarget(shareOfCeiling: number): boolean {
  return shareOfCeiling >= TARGETS.speedUpShareOfCeilingMin;
}
