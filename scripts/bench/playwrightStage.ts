import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { $ } from 'zx';
import type { TestCounts } from './benchFigures';

/** One Playwright run of the bench, as a child process. */
export interface PlaywrightStage {
  /** The Playwright config to run. */
  config: string;
  projects: string[];
  workers: number;
  /** The stage's own folder: its reports, state, logs and JSON results; emptied first. */
  dir: string;
  /** The environment of the child, without its reports folders (added here). */
  env: NodeJS.ProcessEnv;
  root: string;
}

/** How the run went: the child's elapsed time, the tests' outcome and, when its figures mean nothing, why. */
export interface PlaywrightStageResult {
  wallMs: number;
  tests?: TestCounts;
  failure?: string;
}

/** Runs Playwright (`node <cli> test`, never npx) with retries off; its console output goes to <dir>/playwright.log. */
export async function runPlaywrightStage(stage: PlaywrightStage): Promise<PlaywrightStageResult> {
  await rm(stage.dir, { recursive: true, force: true });
  await mkdir(stage.dir, { recursive: true });
  const resultsFile = join(stage.dir, 'results.json');
  const logFile = join(stage.dir, 'playwright.log');
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [
    'test',
    '--config',
    stage.config,
    '--retries',
    '0',
    '--workers',
    String(stage.workers),
    ...stage.projects.flatMap((name) => ['--project', name]),
  ];
  const startedAt = performance.now();
  const child = await $({
    cwd: stage.root,
    nothrow: true,
    quiet: true,
    env: {
      ...stage.env,
      REHEARSAL_REPORTS_DIR: stage.dir,
      REHEARSAL_STATE_DIR: join(stage.dir, 'state'),
      REHEARSAL_BENCH_RESULTS: resultsFile,
      FORCE_COLOR: '0',
    },
  })`${process.execPath} ${cli} ${args}`;
  const wallMs = performance.now() - startedAt;
  await writeFile(logFile, child.stdout + child.stderr);

  const shownLog = relative(stage.root, logFile);
  const tests = await readTestCounts(resultsFile);
  if (!tests) return { wallMs, failure: `Playwright left no JSON report (exit code ${child.exitCode}); see ${shownLog}` };
  const failure = stageFailure(tests, child.exitCode ?? 1);
  return { wallMs, tests, ...(failure ? { failure: `${failure}; see ${shownLog}` } : {}) };
}

/** The counts of Playwright's JSON report (its `stats`), or undefined when there is none. */
export async function readTestCounts(resultsFile: string): Promise<TestCounts | undefined> {
  let text: string;
  try {
    text = await readFile(resultsFile, 'utf8');
  } catch {
    return undefined;
  }
  return testCountsOf(JSON.parse(text) as unknown);
}

/** passed, failed, flaky and skipped from a Playwright JSON report's `stats` (expected, unexpected, flaky, skipped). */
export function testCountsOf(report: unknown): TestCounts | undefined {
  const stats = (report as { stats?: Record<string, unknown> } | null)?.stats;
  if (!stats) return undefined;
  const count = (name: string) => (typeof stats[name] === 'number' ? (stats[name] as number) : 0);
  return { passed: count('expected'), failed: count('unexpected'), flaky: count('flaky'), skipped: count('skipped') };
}

/** Why a run's figures mean nothing: a test failed, none passed, or Playwright itself failed. Undefined when fine. */
export function stageFailure(tests: TestCounts, exitCode: number): string | undefined {
  if (tests.failed > 0) return `${tests.failed} test${tests.failed === 1 ? '' : 's'} failed`;
  if (tests.passed === 0) return 'no test passed';
  if (exitCode !== 0) return `Playwright exited with code ${exitCode}`;
  return undefined;
}
