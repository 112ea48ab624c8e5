import type { RunCalls } from './callLogSummary';
import type { DurationSummary } from './percentiles';
import type { WaitSummary } from './waitLogSummary';

/**
 * The bench's stages: A and B the full rehearsal on 1 and 2 workers, C the browser steps alone, D observation delay,
 * E the browser steps alone on 2 workers (what this machine allows 2 workers to gain at best).
 */
export type StageId = 'A' | 'B' | 'C' | 'D' | 'E';

export const STAGE_IDS: readonly StageId[] = ['A', 'B', 'C', 'D', 'E'];

export const STAGE_TITLES: Record<StageId, string> = {
  A: 'full rehearsal, 1 worker',
  B: 'full rehearsal, 2 workers',
  C: 'the same browser steps without polling or evidence, 1 worker',
  D: 'observation delay, synthetic, against the sandbox',
  E: 'the same browser steps without polling or evidence, 2 workers',
};

/** Tests as Playwright counted them. */
export interface TestCounts {
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
}

/**
 * How one stage went, over its rounds (stageRounds.ts). Its wall time, tests and busy cores are those of the round
 * that gives its figure: the fastest round, or, when a round failed, the first failed one.
 */
export interface StageOutcome {
  id: StageId;
  wallMs: number;
  /** Every round's wall time, in the order they ran (stage D: its one run). */
  roundsMs: number[];
  /** Stages A, B, C and E: their tests. */
  tests?: TestCounts;
  /** The machine's busy cores on average while the round ran (every process, /proc/stat); absent off Linux. */
  cpuBusyCores?: number;
  /** Why the stage's figures mean nothing (its tests failed, its process crashed); absent when it went well. */
  failure?: string;
}

/** The kinds of event whose observation stage D times. */
export type DelayKind = 'commission' | 'providerEvent';

export const DELAY_KIND_TITLES: Record<DelayKind, string> = {
  commission: 'referral commission, pushed (conversion reported → commission seen)',
  providerEvent: 'provider event delivered, polled (customer updated → pending_webhooks 0)',
};

/** Stage D's measurements: per kind and over both. */
export interface ObservationDelays {
  samplesPerKind: number;
  kinds: Record<DelayKind, { delays: DurationSummary; failures: string[] }>;
  overall: DurationSummary;
}

/** Everything a bench run measured; a figure is absent when its stage did not run, null when its log was absent. */
export interface BenchFigures {
  stages: Partial<Record<StageId, StageOutcome>>;
  /** API calls of the full rehearsal, read from every round's REHEARSAL_API_CALL_LOG (acrossRounds: the worse peak, every 429). */
  apiCalls: Partial<Record<'A' | 'B', RunCalls | null>>;
  /** Stage A's waits, read from REHEARSAL_OBSERVATION_LOG of the round that gives its figure. */
  rehearsalWaits?: WaitSummary | null;
  observationDelay?: ObservationDelays;
}
