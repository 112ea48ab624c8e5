import { expect, test } from '@playwright/test';
import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * The Playwright project `preflight` (scenarios/preflight.setup.ts), run as a child Playwright run on a sandbox
 * with a blocking defect and a warning one: the setup test fails listing the blocking item, the warning is an
 * annotation, and preflight.json lands in the run directory.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../../..');
/** Set by this Playwright run (or the shell); the child picks its own run id, reports dir and faults. */
const INHERITED =
  /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_|FORCE_COLOR|DEBUG_COLORS)/;

let child: ChildProcess | undefined;
let reportsDir: string;

test.beforeEach(async () => {
  reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearsal-preflight-setup-'));
});

test.afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await rm(reportsDir, { recursive: true, force: true });
});

function runPreflightProject(faults: string): Promise<{ exitCode: number | null; report: JSONReport; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) env[name] = value;
  const jsonReport = path.join(reportsDir, 'report.json');
  Object.assign(env, {
    SANDBOX_FAULTS: faults,
    REHEARSAL_REPORTS_DIR: reportsDir,
    REHEARSAL_STATE_DIR: path.join(reportsDir, 'state'),
    REHEARSAL_RUN_ID: 'rh-preflight-setup-test',
    PLAYWRIGHT_JSON_OUTPUT_FILE: jsonReport,
    FORCE_COLOR: '0',
  });
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [cli, 'test', '--project=preflight', '--reporter=json'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      readFile(jsonReport, 'utf8')
        .then((text) => resolve({ exitCode, report: JSON.parse(text) as JSONReport, stderr }))
        .catch((error: unknown) => {
          reject(new Error(`The child run wrote no JSON report (${(error as Error).message}); stderr:\n${stderr}`));
        });
    });
  });
}

function specsOf(suites: JSONReportSuite[]): JSONReportSuite['specs'] {
  return suites.flatMap((suite) => [...suite.specs, ...specsOf(suite.suites ?? [])]);
}

test('a blocking defect fails the setup test naming the item; a warning item becomes an annotation', async () => {
  test.slow();
  const { exitCode, report, stderr } = await runPreflightProject('referral.wrong-commission-rate,provider.no-request-id');
  expect(exitCode, stderr).toBe(1);
  const [spec] = specsOf(report.suites);
  const [run] = spec!.tests;
  const result = run!.results[0]!;
  expect(result.status).toBe('failed');
  const message = result.error?.message ?? '';
  expect(message).toMatch(
    /^Error: Preflight found 1 blocking go-live problem, so no flow runs until it is fixed:\n {2}- The programme's commission rule pays partners the agreed amount for each price the shop sells — The programme "Demo partner program" \(prog_demo\) pays 10 % of each sale/,
  );
  expect(run!.annotations).toContainEqual({
    type: 'warning',
    description: expect.stringMatching(
      /^Every call to the payment provider is logged with its request id — The provider at .* without a Request-Id header/,
    ),
  });

  const steps = (result.steps ?? []).map((step) => step.title);
  expect(steps).toContain("✗ The programme's commission rule pays partners the agreed amount for each price the shop sells");
  expect(steps).toContain('! Every call to the payment provider is logged with its request id');
  expect(steps).toContain("✓ The payment and referral keys work, and all of them belong to this run's mode (test or live), never mixed");
  expect(existsSync(path.join(reportsDir, 'rh-preflight-setup-test', 'evidence', 'preflight.json'))).toBe(true);
});
