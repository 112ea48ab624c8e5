import type { StageId, StageOutcome } from './benchFigures';

/** How one round of one stage went, before the stage's rounds are put together. */
export type RoundOutcome = Omit<StageOutcome, 'roundsMs'>;

/** One run in the bench's schedule: a stage and which of its rounds this is (stage D: round 1 of 1). */
export interface ScheduledRun {
  id: StageId;
  round: number;
  of: number;
}

/** The Playwright stages in the order each round runs them, so that each ratio's two halves run close together in time. */
const ROUND_ORDER: readonly StageId[] = ['A', 'C', 'B', 'E'];

/** The bench's runs, in order: the Playwright stages asked for, `rounds` times in ROUND_ORDER; stage D once, after the first round. */
export function roundSchedule(stages: readonly StageId[], rounds: number): ScheduledRun[] {
  const playwrightStages = ROUND_ORDER.filter((id) => stages.includes(id));
  const runs: ScheduledRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    runs.push(...playwrightStages.map((id) => ({ id, round, of: rounds })));
    if (round === 1 && stages.includes('D')) runs.push({ id: 'D', round: 1, of: 1 });
  }
  return runs;
}

/** A stage's outcome over its rounds, and the index of the round that gives its figure (whose logs to read). */
export interface CombinedRounds {
  outcome: StageOutcome;
  figureRound: number;
}

/**
 * Puts a stage's rounds together. Its figure is its fastest round's, the one the shared machine disturbed least;
 * a stage with any failed round has failed, and takes its first failed round's figures and failure (which names the round).
 */
export function combineRounds(rounds: readonly RoundOutcome[]): CombinedRounds {
  if (rounds.length === 0) throw new Error('combineRounds: a stage with no rounds');
  const failedAt = rounds.findIndex((round) => round.failure);
  const figureRound =
    failedAt >= 0 ? failedAt : rounds.reduce((fastest, round, index) => (round.wallMs < rounds[fastest]!.wallMs ? index : fastest), 0);
  const chosen = rounds[figureRound]!;
  const roundsMs = rounds.map((round) => round.wallMs);
  if (failedAt < 0 || rounds.length === 1) return { figureRound, outcome: { ...chosen, roundsMs } };
  return { figureRound, outcome: { ...chosen, roundsMs, failure: `round ${failedAt + 1} of ${rounds.length}: ${chosen.failure}` } };
}
