import { join, resolve } from 'node:path';
import { isApiCallRecord } from '../../src/run/rateBudget/runApiUsage';
import { summarizeApiCalls, type RunCalls } from './callLogSummary';
import type { StageId } from './benchFigures';
import { readJsonLines } from './jsonLines';
import { runPlaywrightStage } from './playwrightStage';
import type { RoundOutcome } from './stageRounds';
import { NO_CALL_LOG, NO_OBSERVATION_LOG } from './verdicts';
import { isWaitRecord, summarizeWaits, type WaitSummary } from './waitLogSummary';

/** Where the bench runs and what every stage shares. */
export interface BenchSetting {
  root: string;
  /** reports/bench: each round of each stage gets its own folder in it (stageFolder). */
  outputDir: string;
  /** The rehearsal's environment (benchEnvironment), with CHROMIUM_PATH when known. */
  env: NodeJS.ProcessEnv;
  alsoTargets: string[];
  /** One line of progress. */
  say(line: string): void;
}

/** A full rehearsal round's outcome and what its logs hold (null: the harness wrote no such log). */
export interface RehearsalStage {
  outcome: RoundOutcome;
  calls: RunCalls | null;
  waits: WaitSummary | null;
}

/**
 * Stages A and B: preflight and every scenario on the default target and on each second target (the set
 * `npm run nightly` runs), retries off, with the API call and observation logs on.
 */
export async function runFullRehearsal(setting: BenchSetting, id: 'A' | 'B', workers: number, round: number): Promise<RehearsalStage> {
  const dir = stageFolder(setting, `stage-${id}`, workers, round);
  const callLog = join(dir, 'api-calls.jsonl');
  const observationLog = join(dir, 'observations.jsonl');
  const projects = ['preflight', 'scenarios', ...setting.alsoTargets.flatMap((name) => [`preflight-${name}`, `scenarios-${name}`])];
  const result = await runPlaywrightStage({
    config: resolve(setting.root, 'scripts/bench/rehearsal.playwright.config.ts'),
    projects,
    workers,
    dir,
    root: setting.root,
    env: { ...setting.env, REHEARSAL_API_CALL_LOG: callLog, REHEARSAL_OBSERVATION_LOG: observationLog },
  });
  const calls = await readJsonLines(callLog, isApiCallRecord);
  const waits = await readJsonLines(observationLog, isWaitRecord);
  if (!calls) setting.say(`  ${NO_CALL_LOG}`);
  else if (calls.malformed > 0) setting.say(`  ${calls.malformed} lines of the API call log were not call records (left out)`);
  if (!waits) setting.say(`  ${NO_OBSERVATION_LOG}`);
  else if (waits.malformed > 0) setting.say(`  ${waits.malformed} lines of the observation log were not wait records (left out)`);
  return {
    outcome: { id, ...result },
    calls: calls ? summarizeApiCalls(calls.records) : null,
    waits: waits ? summarizeWaits(waits.records) : null,
  };
}

/** Stages C and E: the browser journeys of every scenario on the same targets, 1 or 2 workers, no polling, no evidence. */
export async function runBrowserSteps(setting: BenchSetting, id: 'C' | 'E', workers: number, round: number): Promise<RoundOutcome> {
  const result = await runPlaywrightStage({
    config: resolve(setting.root, 'scripts/bench/browserOnly.playwright.config.ts'),
    projects: ['browser-only', ...setting.alsoTargets.map((name) => `browser-only-${name}`)],
    workers,
    dir: stageFolder(setting, `stage-${id}-browser-only`, workers, round),
    root: setting.root,
    env: setting.env,
  });
  return { id: id satisfies StageId, ...result };
}

/** One round's own folder, e.g. reports/bench/stage-A-1-worker-round-2: a round empties only its own. */
function stageFolder(setting: BenchSetting, stage: string, workers: number, round: number): string {
  return join(setting.outputDir, `${stage}-${workers}-worker${workers === 1 ? '' : 's'}-round-${round}`);
}
