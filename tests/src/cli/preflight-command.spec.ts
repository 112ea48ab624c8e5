import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PreflightReport } from '../../../src/model/checklist/types';

/*
 * `rehearse preflight` through the real command on the embedded sandbox: exit 0 with one line per item and the
 * report's path; exit 1 naming the item a sandbox fault breaks; exit 2 for a bad --mode.
 */

const BIN = path.resolve('bin/rehearse.mjs');
/** Variables of the parent run (or the developer's shell) that must not reach the command under test. */
const INHERITED = /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_TEST|FORCE_COLOR)/;
const SANDBOX_SECRETS = /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9_]{8,}|whsec_[A-Za-z0-9+/=]{8,}|shop_admin_sandbox_0000/;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let reportsDir: string;
const children = new Set<ChildProcess>();

test.beforeEach(async () => {
  reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearse-preflight-'));
});

test.afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  children.clear();
  await rm(reportsDir, { recursive: true, force: true });
});

/** `node bin/rehearse.mjs preflight …`, with the parent's rehearsal variables removed and reports in the temp dir. */
function preflight(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) childEnv[name] = value;
  Object.assign(
    childEnv,
    { REHEARSAL_REPORTS_DIR: reportsDir, REHEARSAL_STATE_DIR: path.join(reportsDir, 'state'), FORCE_COLOR: '0' },
    env,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'preflight', ...args], {
      cwd: path.resolve('.'),
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function reportPathIn(stdout: string): string {
  const match = /^▸ Preflight report: (.+\/evidence\/preflight\.json)$/m.exec(stdout);
  expect(match, `the report line in:\n${stdout}`).not.toBeNull();
  return match![1]!;
}

test('on the embedded sandbox it names the sandbox first, exits 0, prints one line per checklist item and the path of preflight.json', async () => {
  test.slow();
  const { code, stdout, stderr } = await preflight([]);
  expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
  expect(stdout.split('\n')[0], 'the first line says which system is checked').toBe(
    '▸ Rehearsing the embedded offline sandbox (no account, nothing leaves this machine)',
  );
  expect(stdout).toContain("✓ The payment and referral keys work, and all of them belong to this run's mode (test or live), never mixed\n");
  expect(stdout).toContain("✓ No secret key appears in any page or script the customer's browser loads\n");
  expect(stdout).toContain('– Live webhook endpoints use HTTPS — Only live webhook endpoints must use HTTPS; this is a test run.\n');
  expect(stdout).toMatch(/✓ Preflight passed: no blocking checklist item failed\.\n$/);

  const file = reportPathIn(stdout);
  expect(path.resolve(file).startsWith(reportsDir)).toBe(true);
  const report = JSON.parse(await readFile(file, 'utf8')) as PreflightReport;
  expect(path.basename(path.dirname(path.dirname(file)))).toBe(report.runId);
  expect(report.results.filter((result) => result.status === 'failed')).toEqual([]);
  const recorded = JSON.parse(await readFile(path.join(path.dirname(file), 'rehearsed-system.json'), 'utf8')) as { kind: string };
  expect(recorded.kind, 'the run folder records it, for a sign-off built of it').toBe('embedded-sandbox');
  expect(`${stdout}${stderr}`).not.toMatch(SANDBOX_SECRETS);
});

test('with SANDBOX_FAULTS=shop.accept-unsigned-webhooks it exits 1 naming the signature item', async () => {
  test.slow();
  const { code, stdout, stderr } = await preflight([], { SANDBOX_FAULTS: 'shop.accept-unsigned-webhooks' });
  expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(1);
  expect(stdout).toMatch(
    /^✗ The shop's webhook endpoint rejects unsigned, forged and replayed \(stale\) events — The merchant's webhook endpoint http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe accepted an event with no signature \(it answered 200\)/m,
  );
  expect(stdout).toMatch(/✗ Preflight did not pass: 1 blocking checklist item failed; fix it before going live\.\n$/);
  expect(existsSync(reportPathIn(stdout))).toBe(true);
  expect(`${stdout}${stderr}`).not.toMatch(SANDBOX_SECRETS);
});

test('an unused key is named on the embedded sandbox, with what to do', async () => {
  test.slow();
  const { code, stdout } = await preflight([], { REFERRAL_SECRET_KEY: 'sk_test_referral_operator_0000' });
  expect(code).toBe(0);
  expect(stdout).toContain(
    '  ! REFERRAL_SECRET_KEY is set but this run rehearses the embedded sandbox, which does not use it: set REHEARSAL_MERCHANT_URL to rehearse your site (or unset REFERRAL_SECRET_KEY).\n',
  );
});

test('a bad --mode exits 2 with one line, before anything runs', async () => {
  const { code, stdout, stderr } = await preflight(['--mode', 'prod']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toEqual(['--mode needs one of test, live (got "prod"), e.g. --mode live --confirm-live.']);
});
