import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JSONReport, JSONReportTestResult, JSONReportTestStep } from '@playwright/test/reporter';

export interface ScenarioRun {
  exitCode: number | null;
  /** The scenario's one test result, as Playwright's JSON reporter wrote it. */
  result: JSONReportTestResult;
  /** The numbered checklist steps ("1. …", "2. …"), in order. */
  checklist: JSONReportTestStep[];
  /** The child's stderr tail, for a failure message when the report is missing. */
  stderrTail: string;
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
/** Set by the Playwright run this test is part of; the child run must pick its own. */
const PARENT_RUN_VARIABLES = ['TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX', 'PLAYWRIGHT_TEST', 'FORCE_COLOR', 'DEBUG_COLORS'];

/**
 * Runs one scenario file in a separate Playwright run with the given sandbox faults, its reports kept in
 * a temporary directory (so reports/ is untouched), and returns what the JSON reporter recorded.
 */
export async function runScenarioInChildProcess(options: {
  specFile: string;
  faults: string[];
  eventTimeoutMs: number;
  /** Runs only the tests whose title matches (`--grep`), for a spec file with several tests. */
  grep?: string;
}): Promise<ScenarioRun> {
  const extraArgs = options.grep ? ['--grep', options.grep] : [];
  return runChildPlaywright([options.specFile, ...extraArgs], options, ({ exitCode, report, stderrTail }) => {
    const result = onlyResult(report);
    const checklist = (result.steps ?? []).filter((step) => /^\d+\. /.test(step.title));
    return { exitCode, result, checklist, stderrTail };
  });
}

/** One test of a multi-test child run. */
export interface ScenarioTestRun {
  /** The spec file and test title, e.g. "declines.spec.ts › a referred customer pays with …". */
  title: string;
  result: JSONReportTestResult;
  checklist: JSONReportTestStep[];
}

/**
 * Runs several scenario files in one child Playwright run (as runScenarioInChildProcess does for one)
 * and returns every test's result.
 */
export async function runScenarioFilesInChildProcess(options: {
  specFiles: string[];
  faults: string[];
  eventTimeoutMs: number;
}): Promise<{ exitCode: number | null; tests: ScenarioTestRun[]; stderrTail: string }> {
  return runChildPlaywright(options.specFiles, options, ({ exitCode, report, stderrTail }) => {
    const tests = collectSpecs(report.suites).flatMap((spec) =>
      spec.tests.flatMap((test) =>
        test.results.map((result) => ({
          title: `${spec.file} › ${spec.title}`,
          result,
          checklist: (result.steps ?? []).filter((step) => /^\d+\. /.test(step.title)),
        })),
      ),
    );
    return { exitCode, tests, stderrTail };
  });
}

/** A child run may never outlive this budget, even if the test that started it is gone. */
const CHILD_RUN_BUDGET_MS = 5 * 60_000;

async function runChildPlaywright<T>(
  args: string[],
  options: { faults: string[]; eventTimeoutMs: number },
  read: (run: { exitCode: number | null; report: JSONReport; stderrTail: string }) => T,
): Promise<T> {
  const reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearsal-detection-'));
  const jsonReport = path.join(reportsDir, 'report.json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of PARENT_RUN_VARIABLES) delete env[name];
  Object.assign(env, {
    SANDBOX_FAULTS: options.faults.join(','),
    REHEARSAL_EVENT_TIMEOUT_MS: String(options.eventTimeoutMs),
    REHEARSAL_REPORTS_DIR: reportsDir,
    PLAYWRIGHT_JSON_OUTPUT_FILE: jsonReport,
    FORCE_COLOR: '0',
  });
  try {
    const cliArgs = ['test', '--project=scenarios', '--reporter=json', `--global-timeout=${CHILD_RUN_BUDGET_MS}`, ...args];
    const { exitCode, stderrTail } = await runPlaywrightCli(cliArgs, env);
    return read({ exitCode, report: await readReport(jsonReport, stderrTail), stderrTail });
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

/** The local Playwright CLI, run by node directly (npx would not pass a kill on), and killed if this process exits. */
function runPlaywrightCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number | null; stderrTail: string }> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const killChild = () => child.kill('SIGTERM');
    process.on('exit', killChild);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    child.on('error', (error) => {
      process.off('exit', killChild);
      reject(error);
    });
    child.on('close', (exitCode) => {
      process.off('exit', killChild);
      resolve({ exitCode, stderrTail: stderr });
    });
  });
}

async function readReport(file: string, stderrTail: string): Promise<JSONReport> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JSONReport;
  } catch (error) {
    throw new Error(`The child Playwright run wrote no JSON report (${(error as Error).message}); its stderr ended with:\n${stderrTail}`);
  }
}

function onlyResult(report: JSONReport): JSONReportTestResult {
  const specs = collectSpecs(report.suites);
  const results = specs.flatMap((spec) => spec.tests.flatMap((test) => test.results));
  if (results.length !== 1) {
    const errors = report.errors.map((error) => error.message).join('\n');
    throw new Error(`Expected the child run to report exactly one test result, got ${results.length}.${errors ? `\n${errors}` : ''}`);
  }
  return results[0]!;
}

function collectSpecs(suites: JSONReport['suites']): JSONReport['suites'][number]['specs'] {
  return suites.flatMap((suite) => [...suite.specs, ...collectSpecs(suite.suites ?? [])]);
}

/** Error text without terminal colour codes. */
export function plainText(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}
