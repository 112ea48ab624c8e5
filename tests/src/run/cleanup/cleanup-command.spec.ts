import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/index';
import { CleanupJournal } from '../../../../src/run/cleanup/cleanupJournal';
import { readInterruption } from '../../../../src/run/evidence/interruption';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { runEmail } from '../../../../src/base/runId';
import { CARDS, createPaymentSession, payOnHostedPage } from '../../../sandbox/provider/support/fixtures';
import { externalIntegrationEnv } from '../../../support/externalIntegrationEnv';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BIN = path.join(ROOT, 'bin/rehearse.mjs');
const PARENT_RUN_VARIABLES = [
  'TEST_WORKER_INDEX',
  'TEST_PARALLEL_INDEX',
  'PLAYWRIGHT_TEST',
  'FORCE_COLOR',
  'DEBUG_COLORS',
  'SANDBOX_FAULTS',
];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STRIPE_SECRET_KEY: '', REHEARSAL_PROVIDER_API_BASE: '', FORCE_COLOR: '0' };
  for (const name of PARENT_RUN_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

function rehearse(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

let sandbox: RunningSandbox;
let dir: string;
test.beforeAll(async () => {
  sandbox = await startSandbox({ providerPort: 0, shopPort: 0, referralPort: 0 });
});
test.afterAll(async () => {
  await sandbox?.stop();
});
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-cleanup-cmd-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const providerEnv = () => ({
  STRIPE_SECRET_KEY: sandbox.provider.secretKey,
  REHEARSAL_PROVIDER_API_BASE: sandbox.provider.url,
  REHEARSAL_STATE_DIR: dir,
});

test('refuses in one line (exit 2) without STRIPE_SECRET_KEY', async () => {
  const { code, stdout, stderr } = await rehearse(['cleanup'], { REHEARSAL_STATE_DIR: dir });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(lines(stderr)).toHaveLength(1);
  expect(stderr).toMatch(/^STRIPE_SECRET_KEY is not set: /);
});

test("refuses in one line (exit 2) when the key's mode differs from the unfinished runs'", async () => {
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  await journal.append({ runId: 'rh-live-1', mode: 'live', apiBase: sandbox.provider.url, kind: 'charge', id: 'ch_live' });
  const { code, stdout, stderr } = await rehearse(['cleanup'], providerEnv());
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual([
    expect.stringMatching(/^Refusing to clean up: 1 unfinished live-mode run\(s\) .* but STRIPE_SECRET_KEY is a test key/),
  ]);
});

test('refunds what the journal holds, prints one line per action and a summary; a second run has nothing to do', async () => {
  const stripe = createProviderClient({ apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey });
  const runId = `rh-cmd-${Date.now()}`;
  const email = runEmail(runId);
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  await journal.append({
    runId,
    mode: 'test',
    apiBase: sandbox.provider.url,
    kind: 'checkout-started',
    email,
    since: Math.floor(Date.now() / 1000) - 60,
  });
  const { session } = await createPaymentSession(stripe, { customer_email: email });
  expect((await payOnHostedPage(session, CARDS.visa, { email })).status).toBe(303);

  const first = await rehearse(['cleanup'], providerEnv());
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const out = lines(first.stdout);
  expect(out).toContainEqual(expect.stringMatching(new RegExp(`^▸ Run ${runId} \\(test mode`)));
  expect(out).toContainEqual(expect.stringMatching(/^ {2}✓ refunded charge ch_\w+ 20\.00 USD \(refund re_\w+\)/));
  expect(out.at(-1)).toMatch(/^✓ Cleanup done: 1 refunded, 0 canceled or expired, 0 already clean across 1 run\(s\)\.$/);
  const intent = (await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
  expect((await stripe.charges.list({ payment_intent: intent })).data.every((c) => c.refunded)).toBe(true);

  const second = await rehearse(['cleanup'], providerEnv());
  expect(second.code).toBe(0);
  expect(lines(second.stdout).at(-1)).toMatch(/^✓ Nothing to do: no run in .* has unfinished entries\.$/);
});

test('an unfinished run recorded against another provider API fails the cleanup (exit 1), naming it and the variable that reaches it', async () => {
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  await journal.append({ runId: 'rh-elsewhere', mode: 'test', apiBase: 'http://127.0.0.1:9', kind: 'charge', id: 'ch_elsewhere' });

  const { code, stdout } = await rehearse(['cleanup'], providerEnv());
  expect(code, stdout).toBe(1);
  const out = lines(stdout);
  expect(out).toContainEqual(
    expect.stringMatching(
      /^ {2}✗ skipped run rh-elsewhere \(test mode\): recorded against http:\/\/127\.0\.0\.1:9, not .*REHEARSAL_PROVIDER_API_BASE=http:\/\/127\.0\.0\.1:9/,
    ),
  );
  expect(out.at(-1)).toMatch(/^✗ Cleanup incomplete: 1 unfinished run\(s\) recorded against another provider API were skipped/);
  expect(stdout).not.toMatch(/Nothing to do/);
});

test('a run of the embedded sandbox (stopped with it) is closed without a provider call, once', async () => {
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  const gone = { runId: 'rh-embedded', mode: 'test' as const, apiBase: 'http://127.0.0.1:9', embeddedSandbox: true as const };
  await journal.append({ ...gone, kind: 'checkout-started', email: runEmail('rh-embedded'), since: 1 });
  await journal.append({ ...gone, kind: 'charge', id: 'ch_gone' });

  const first = await rehearse(['cleanup'], providerEnv());
  expect(first.code, first.stdout + first.stderr).toBe(0);
  expect(lines(first.stdout)).toContainEqual(
    expect.stringMatching(/^▸ Run rh-embedded .*rehearsed the embedded sandbox, which stopped with it; nothing is left anywhere$/),
  );
  expect(lines(first.stdout).at(-1)).toMatch(/^✓ Nothing to do: .*\(1 embedded-sandbox run\(s\) closed\)\.$/);
  const second = await rehearse(['cleanup'], providerEnv());
  expect(second.stdout).not.toMatch(/rh-embedded/);
});

test('--forget closes a run whose provider is gone for good, without a call; an unknown run is a usage error', async () => {
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  await journal.append({ runId: 'rh-stopped-sandbox', mode: 'test', apiBase: 'http://127.0.0.1:9', kind: 'charge', id: 'ch_gone' });

  const forgot = await rehearse(['cleanup', '--forget', 'rh-stopped-sandbox'], providerEnv());
  expect(forgot.code, forgot.stdout + forgot.stderr).toBe(0);
  expect(lines(forgot.stdout)).toEqual([
    '✓ Forgot run rh-stopped-sandbox: 1 unfinished entry is no longer tracked; nothing was refunded or canceled.',
  ]);
  const after = await rehearse(['cleanup'], providerEnv());
  expect(after.code, after.stdout).toBe(0);

  const unknown = await rehearse(['cleanup', '--forget', 'rh-nobody'], providerEnv());
  expect(unknown.code).toBe(2);
  expect(lines(unknown.stderr)).toEqual([expect.stringMatching(/^No run rh-nobody in .*: name a run that `rehearse cleanup` listed\.$/)]);
});

test('is listed in --help and has its own --help', async () => {
  expect((await rehearse(['--help'], {})).stdout).toMatch(/^ {2}cleanup +Refund and cancel .*$/m);
  const help = await rehearse(['cleanup', '--help'], {});
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: rehearse cleanup/);
});

/** `rehearse run` of the purchase flow against the test's sandbox, in its own process; resolves once step `n` passed. */
async function startRehearsalAndWaitForStep(n: number) {
  const progressFile = path.join(dir, 'progress.jsonl');
  const env = baseEnv({
    ...externalIntegrationEnv(sandbox),
    REHEARSAL_MODE: 'test',
    REHEARSAL_STATE_DIR: dir,
    REHEARSAL_PROGRESS_FILE: progressFile,
    REHEARSAL_REPORTS_DIR: path.join(dir, 'reports'),
  });
  const child = spawn(process.execPath, [BIN, 'run', '--grep', 'a referred customer buys', '--workers=1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + 90_000;
  const progress = async () => (existsSync(progressFile) ? await readFile(progressFile, 'utf8') : '');
  for (;;) {
    if (new RegExp(`"step":"${n}\\. [^"]*","status":"passed"`).test(await progress())) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`Step ${n} never passed; rehearse said:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { child, exited, output: () => output, progress, stop };
}

/** Every charge of the run journaled in `dir` that succeeded and is not refunded (through the SDK). */
async function unrefundedChargesOfJournaledRuns(): Promise<string[]> {
  const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
  const runs = await journal.runs();
  expect(runs).toHaveLength(1);
  const stripe = createProviderClient({ apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey });
  const sessions = await stripe.checkout.sessions.list({ customer_details: { email: runEmail(runs[0]!.runId) } });
  const charges = (
    await Promise.all(sessions.data.map((s) => stripe.charges.list({ payment_intent: s.payment_intent as string })))
  ).flatMap((l) => l.data);
  expect(charges.length, 'the run paid').toBeGreaterThan(0);
  return charges.filter((c) => c.status === 'succeeded' && !c.refunded).map((c) => c.id);
}

/** The process ids under `pid` (its children, theirs, …), from /proc. */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!parents.has(ppid)) parents.set(ppid, []);
    parents.get(ppid)!.push(Number(name));
  }
  const found: number[] = [];
  const walk = (id: number) => {
    for (const child of parents.get(id) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

test('rehearse run, stopped with SIGTERM mid-rehearsal, cleans up its run and exits 143', async () => {
  test.setTimeout(120_000);
  const run = await startRehearsalAndWaitForStep(2);
  try {
    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(143);
  } finally {
    run.stop();
  }
  expect(run.output()).toMatch(/▸ Interrupted \(SIGTERM\): cleaning up what this rehearsal left at the provider…/);
  expect(await unrefundedChargesOfJournaledRuns()).toEqual([]);
  const again = await rehearse(['cleanup'], providerEnv());
  expect(lines(again.stdout).at(-1)).toMatch(/^✓ Nothing to do/);
});

test('SIGINT sent to the rehearse process alone (a CI cancel, kill -INT) stops Playwright, cleans up and exits 130', async () => {
  test.setTimeout(120_000);
  const run = await startRehearsalAndWaitForStep(2);
  try {
    run.child.kill('SIGINT'); // this process only: Playwright does not get it from a terminal
    expect(await run.exited, run.output()).toBe(130);
  } finally {
    run.stop();
  }
  expect(await run.progress(), 'the flow stopped: its refund step never ran').not.toMatch(/"step":"4\. [^"]*","status":"passed"/);
  expect(run.output()).toMatch(/▸ Interrupted \(SIGINT\): cleaning up what this rehearsal left at the provider…/);
  expect(await unrefundedChargesOfJournaledRuns()).toEqual([]);
});

test('when only Playwright dies (SIGKILL, as the OOM killer does), rehearse run cleans up, says so, and records it in the run folder', async () => {
  test.setTimeout(120_000);
  const run = await startRehearsalAndWaitForStep(2);
  try {
    const playwright = await descendantsOf(run.child.pid!);
    expect(playwright.length, 'Playwright runs under rehearse').toBeGreaterThan(0);
    for (const pid of playwright) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    expect(await run.exited, run.output()).toBe(137);
  } finally {
    run.stop();
  }
  expect(run.output()).toMatch(/▸ Playwright was killed \(SIGKILL\): cleaning up what this rehearsal left at the provider…/);
  expect(run.output()).toMatch(/✓ refunded charge ch_/);
  expect(await unrefundedChargesOfJournaledRuns()).toEqual([]);

  const reportsDir = path.join(dir, 'reports');
  const runDirs = (await readdir(reportsDir)).filter((name) => name.startsWith('rh-'));
  expect(runDirs).toHaveLength(1);
  const interruption = await readInterruption(path.join(reportsDir, runDirs[0]!));
  expect(interruption).toMatchObject({ cause: 'playwright-died', signal: 'SIGKILL', cleanupOutcome: 'done' });
  expect(interruption!.cleanupLines).toContainEqual(expect.stringMatching(/✓ refunded charge ch_/));
});
