import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JSONReport, JSONReportTestResult, JSONReportTestStep } from '@playwright/test/reporter';
import type { CheckResult, PreflightReport } from '../../src/model/checklist/types';
import type { FlowRecord } from '../../src/run/evidence/flowRecord';
import { readSinkPosture } from '../../src/run/webhooks/sinkPostureRecord';
import type { SinkPosture } from '../../src/run/webhooks/sinkReachability';

export interface ScenarioRun {
  exitCode: number | null;
  /** The scenario's one test result, as Playwright's JSON reporter wrote it. */
  result: JSONReportTestResult;
  /** The numbered checklist steps ("1. …", "2. …"), in order. */
  checklist: JSONReportTestStep[];
  /** The child's stderr tail, for a failure message when the report is missing. */
  stderrTail: string;
  /** The flow records the child wrote (`<runDir>/evidence/flows/*.json`). */
  flowRecords: FlowRecord[];
}

/** Where the scenarios run; any other project of the child run (the `preflight` setup) is reported apart. */
const SCENARIOS_PROJECT = 'scenarios';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * Set by the Playwright run this test is part of; the child run must pick its own. The rate budget too: a child run
 * rehearses its own sandbox, so the parent's budget (one per API, shared by every worker of the suite) would only
 * make several child runs within a minute wait on each other's referral calls and time out.
 */
const PARENT_RUN_VARIABLES = [
  'TEST_WORKER_INDEX',
  'TEST_PARALLEL_INDEX',
  'PLAYWRIGHT_TEST',
  'FORCE_COLOR',
  'DEBUG_COLORS',
  'REHEARSAL_RUN_ID',
  'REHEARSAL_RATE_BUDGET_URL',
];

/** How a child run is started. */
export interface ChildRunOptions {
  faults: string[];
  eventTimeoutMs: number;
  /** `--no-deps`: the scenarios run without the projects they depend on (the `preflight` setup). */
  noDeps?: boolean;
  /** More environment for the child run (e.g. REHEARSAL_TARGET), over this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one scenario file in a separate Playwright run with the given sandbox faults, its reports kept in
 * a temporary directory (so reports/ is untouched), and returns what the JSON reporter recorded.
 */
export async function runScenarioInChildProcess(
  options: ChildRunOptions & {
    specFile: string;
    /** Runs only the tests whose title matches (`--grep`), for a spec file with several tests. */
    grep?: string;
  },
): Promise<ScenarioRun> {
  const extraArgs = options.grep ? ['--grep', options.grep] : [];
  return runChildPlaywright([options.specFile, ...extraArgs], options, ({ exitCode, report, stderrTail, flowRecords }) => {
    const result = onlyResult(report);
    const checklist = (result.steps ?? []).filter((step) => /^\d+\. /.test(step.title));
    return { exitCode, result, checklist, stderrTail, flowRecords };
  });
}

/** One test of a multi-test child run. */
export interface ScenarioTestRun {
  /** The Playwright project: `scenarios`, or `preflight` for the setup the scenarios depend on. */
  project: string;
  /** The spec file and test title, e.g. "declines.spec.ts › a referred customer pays with …". */
  title: string;
  result: JSONReportTestResult;
  checklist: JSONReportTestStep[];
}

/**
 * Runs several scenario files in one child Playwright run (as runScenarioInChildProcess does for one)
 * and returns every test's result.
 */
export async function runScenarioFilesInChildProcess(options: ChildRunOptions & { specFiles: string[]; grep?: string }): Promise<{
  exitCode: number | null;
  /** The scenarios' tests that ran. */
  tests: ScenarioTestRun[];
  /** The tests of the other projects that ran (the `preflight` setup). */
  setupTests: ScenarioTestRun[];
  stderrTail: string;
  flowRecords: FlowRecord[];
  /** The preflight checks' results (`<runDir>/evidence/preflight.json`), when preflight ran. */
  preflightResults: CheckResult[];
  /** Whether the referral platform could reach the harness's sink (`<runDir>/evidence/webhook-sink.json`), when recorded. */
  sinkPosture: SinkPosture | undefined;
  /** The whole preflight report, when preflight ran. */
  preflight: PreflightReport | undefined;
}> {
  const extraArgs = options.grep ? ['--grep', options.grep] : [];
  return runChildPlaywright(
    [...options.specFiles, ...extraArgs],
    options,
    ({ exitCode, report, stderrTail, flowRecords, preflight, sinkPosture }) => {
      const all = collectSpecs(report.suites).flatMap((spec) =>
        spec.tests.flatMap((test) =>
          test.results.map((result) => ({
            project: test.projectName,
            title: `${spec.file} › ${spec.title}`,
            result,
            checklist: (result.steps ?? []).filter((step) => /^\d+\. /.test(step.title)),
          })),
        ),
      );
      return {
        exitCode,
        tests: all.filter((run) => run.project === SCENARIOS_PROJECT),
        setupTests: all.filter((run) => run.project !== SCENARIOS_PROJECT),
        stderrTail,
        flowRecords,
        preflightResults: preflight?.results ?? [],
        preflight,
        sinkPosture,
      };
    },
  );
}

/** A child run may never outlive this budget, even if the test that started it is gone. */
const CHILD_RUN_BUDGET_MS = 5 * 60_000;

async function runChildPlaywright<T>(
  args: string[],
  options: ChildRunOptions,
  read: (run: {
    exitCode: number | null;
    report: JSONReport;
    stderrTail: string;
    flowRecords: FlowRecord[];
    preflight: PreflightReport | undefined;
    sinkPosture: SinkPosture | undefined;
  }) => T,
): Promise<T> {
  const reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearsal-detection-'));
  const jsonReport = path.join(reportsDir, 'report.json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of PARENT_RUN_VARIABLES) delete env[name];
  Object.assign(env, options.env ?? {}, {
    SANDBOX_FAULTS: options.faults.join(','),
    REHEARSAL_EVENT_TIMEOUT_MS: String(options.eventTimeoutMs),
    REHEARSAL_REPORTS_DIR: reportsDir,
    PLAYWRIGHT_JSON_OUTPUT_FILE: jsonReport,
    FORCE_COLOR: '0',
  });
  try {
    const cliArgs = [
      'test',
      `--project=${SCENARIOS_PROJECT}`,
      '--reporter=json',
      `--global-timeout=${CHILD_RUN_BUDGET_MS}`,
      ...(options.noDeps ? ['--no-deps'] : []),
      ...args,
    ];
    const { exitCode, stderrTail } = await runPlaywrightCli(cliArgs, env);
    const report = await readReport(jsonReport, stderrTail);
    return read({
      exitCode,
      report,
      stderrTail,
      flowRecords: await readFlowRecords(reportsDir),
      preflight: await readPreflightReport(reportsDir),
      sinkPosture: await readRunSinkPosture(reportsDir),
    });
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

/** Every flow record under `<reportsDir>/<runId>/evidence/flows/`, whatever the child's run id. */
async function readFlowRecords(reportsDir: string): Promise<FlowRecord[]> {
  const records: FlowRecord[] = [];
  for (const entry of await readdir(reportsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const flows = path.join(reportsDir, entry.name, 'evidence', 'flows');
    const files = await readdir(flows).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.json')).sort()) {
      records.push(JSON.parse(await readFile(path.join(flows, file), 'utf8')) as FlowRecord);
    }
  }
  return records;
}

/** `<reportsDir>/<runId>/evidence/webhook-sink.json`, whatever the child's run id. */
async function readRunSinkPosture(reportsDir: string): Promise<SinkPosture | undefined> {
  for (const entry of await readdir(reportsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const posture = await readSinkPosture(path.join(reportsDir, entry.name));
    if (posture) return posture;
  }
  return undefined;
}

/** `<reportsDir>/<runId>/evidence/preflight.json`, whatever the child's run id (undefined when preflight did not run). */
async function readPreflightReport(reportsDir: string): Promise<PreflightReport | undefined> {
  for (const entry of await readdir(reportsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(path.join(reportsDir, entry.name, 'evidence', 'preflight.json'), 'utf8').catch(() => undefined);
    if (text) return JSON.parse(text) as PreflightReport;
  }
  return undefined;
}

function onlyResult(report: JSONReport): JSONReportTestResult {
  const tests = collectSpecs(report.suites).flatMap((spec) => spec.tests);
  const results = tests.filter((test) => test.projectName === SCENARIOS_PROJECT).flatMap((test) => test.results);
  if (results.length !== 1) {
    const setupErrors = tests
      .filter((test) => test.projectName !== SCENARIOS_PROJECT)
      .flatMap((test) =>
        test.results.flatMap((result) =>
          result.error?.message ? [`${test.projectName}: ${plainText(result.error.message).split('\n')[0]}`] : [],
        ),
      );
    const errors = [...setupErrors, ...report.errors.map((error) => error.message)].join('\n');
    throw new Error(`Expected the child run to report exactly one scenario result, got ${results.length}.${errors ? `\n${errors}` : ''}`);
  }
  return results[0]!;
}

function collectSpecs(suites: JSONReport['suites']): JSONReport['suites'][number]['specs'] {
  return suites.flatMap((suite) => [...suite.specs, ...collectSpecs(suite.suites ?? [])]);
}

/** Error text without terminal colour codes. */
export function plainText(text: string | undefined): string {
  return (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}
