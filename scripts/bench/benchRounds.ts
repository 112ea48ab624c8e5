import { STAGE_TITLES, type BenchFigures, type StageId } from './benchFigures';
import { acrossRounds, type RunCalls } from './callLogSummary';
import type { BenchOptions } from './benchOptions';
import type { BenchSetting } from './benchStages';
import { combineRounds, roundSchedule } from './stageRounds';
import { runStageOnce, type StageRun } from './stageRun';
import { seconds } from './verdicts';

/**
 * Runs the stages asked for round by round (roundSchedule: A, C, B, E each round, D once) and returns what they
 * measured: each stage's figure is its fastest round's (combineRounds).
 */
export async function runBenchRounds(options: BenchOptions, setting: BenchSetting): Promise<BenchFigures> {
  const runs = new Map<StageId, StageRun[]>();
  for (const run of roundSchedule(options.stages, options.rounds)) {
    const name = `Stage ${run.id}${run.of > 1 ? ` (round ${run.round} of ${run.of})` : ''}`;
    setting.say(`▸ ${name}: ${STAGE_TITLES[run.id]}…`);
    const { outcome, ...logs } = await runStageOnce(run, setting, options.samples);
    const tests = outcome.tests
      ? ` (${outcome.tests.passed} passed, ${outcome.tests.failed} failed, ${outcome.tests.skipped} skipped)`
      : '';
    const took = seconds(outcome.wallMs);
    setting.say(outcome.failure ? `✗ ${name} failed after ${took}: ${outcome.failure}` : `✓ ${name} done in ${took}${tests}`);
    runs.set(run.id, [...(runs.get(run.id) ?? []), { outcome, ...logs }]);
  }
  return figuresOf(runs);
}

/**
 * Each stage's rounds put together (combineRounds); its waits and delays are those of the round that gives its
 * figure, its API calls those of every round (acrossRounds: the worse peak per zone, every 429).
 */
export function figuresOf(runs: ReadonlyMap<StageId, StageRun[]>): BenchFigures {
  const figures: BenchFigures = { stages: {}, apiCalls: {} };
  for (const [id, stageRuns] of runs) {
    const { outcome, figureRound } = combineRounds(stageRuns.map((run) => run.outcome));
    figures.stages[id] = outcome;
    const { rehearsal, observationDelay } = stageRuns[figureRound]!;
    if (id === 'A' || id === 'B') {
      const logged = stageRuns.map((run) => run.rehearsal?.calls).filter((calls): calls is RunCalls => !!calls);
      if (logged.length > 0) figures.apiCalls[id] = acrossRounds(logged)!;
      else if (stageRuns.some((run) => run.rehearsal)) figures.apiCalls[id] = null;
    }
    if (rehearsal && id === 'A') figures.rehearsalWaits = rehearsal.waits;
    if (observationDelay) figures.observationDelay = observationDelay;
  }
  return figures;
}
