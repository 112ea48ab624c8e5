/**
 * Kill tests: a LIVE rehearsal SIGKILLed at each step boundary leaves nothing behind once `rehearse cleanup` has run.
 * One sandbox runs in live mode as its own process (it outlives the killed rehearsal, as a real provider does); each
 * case runs one scenario in a child Playwright run pointed at it (live guard satisfied, a non-test card), waits for
 * the step in the progress file, kills the child's whole process group, runs `rehearse cleanup` with the same state
 * dir and the live key, and checks at the provider through the SDK.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { CleanupJournal } from '../../src/cleanup/cleanupJournal';
import { createProviderClient } from '../../src/provider/providerClient';
import { runEmail } from '../../src/runId';
import { SANDBOX_NODE_ARGS } from '../support/sandboxCommand';
import { externalIntegrationEnv } from '../support/externalIntegrationEnv';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
/** Set by the Playwright run this file is part of; the child run must pick its own. */
const PARENT_RUN_VARIABLES = ['TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX', 'PLAYWRIGHT_TEST', 'FORCE_COLOR', 'DEBUG_COLORS', 'SANDBOX_FAULTS'];
/** What a developer's .env might point elsewhere: the child gets exactly the external sandbox. */
const OWN_VARIABLES = [
  'REHEARSAL_MODE', 'REHEARSAL_TARGET', 'REHEARSAL_PARTNER', 'REHEARSAL_CONFIRM_LIVE', 'REHEARSAL_CONFIRM_LIVE_FLAG', 'REHEARSAL_MAX_AMOUNT',
  'REHEARSAL_PROGRESS_FILE', 'REHEARSAL_STATE_DIR', 'REHEARSAL_REPORTS_DIR', 'REHEARSAL_EVENT_TIMEOUT_MS',
  'REHEARSAL_LIVE_CARD_NUMBER', 'REHEARSAL_LIVE_CARD_EXPIRY', 'REHEARSAL_LIVE_CARD_CVC', 'REHEARSAL_LIVE_CARD_NAME', 'REHEARSAL_LIVE_CARD_POSTAL_CODE',
];
/** What an operator sets for a live rehearsal (docs/architecture.md): here against the sandbox's live mode. */
const LIVE_REHEARSAL = {
  REHEARSAL_MODE: 'live',
  REHEARSAL_CONFIRM_LIVE_FLAG: '1',
  REHEARSAL_CONFIRM_LIVE: 'Dress Rehearsal sandbox',
  REHEARSAL_MAX_AMOUNT: '5000',
  // Luhn-valid, not one of Stripe's test cards (the live sandbox declines those).
  REHEARSAL_LIVE_CARD_NUMBER: '4539148803436467',
  REHEARSAL_LIVE_CARD_EXPIRY: '12/34',
  REHEARSAL_LIVE_CARD_CVC: '123',
  REHEARSAL_LIVE_CARD_NAME: 'Rehearsal Operator',
  REHEARSAL_LIVE_CARD_POSTAL_CODE: '94107',
};

interface SandboxLine {
  provider: { url: string; secretKey: string; publishableKey: string };
  shop: { url: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

interface KillCase {
  spec: string;
  grep: string;
  /** Killed right after this checklist step ended. */
  afterStep: number;
}

const PURCHASE = { spec: 'scenarios/referral-purchase-refund.spec.ts', grep: 'a referred customer buys' };
const SUBSCRIPTION = { spec: 'scenarios/subscribe-renew-cancel.spec.ts', grep: 'a referred customer subscribes' };
const CASES: KillCase[] = [
  ...[1, 2, 3].map((afterStep) => ({ ...PURCHASE, afterStep })),
  ...[1, 2, 3, 5].map((afterStep) => ({ ...SUBSCRIPTION, afterStep })),
];

test.describe.configure({ mode: 'serial' });

let sandboxProcess: ChildProcess | undefined;
let sandbox: SandboxLine;
let stripe: Stripe;

test.beforeAll(async () => {
  test.setTimeout(30_000);
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, '--json', '--live'], {
    cwd: ROOT,
    env: { ...cleanEnv(), SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_SHOP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sandboxProcess = child;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The sandbox exited (${code}) before printing its URLs:\n${stderr}`)));
  });
  sandbox = JSON.parse(line) as SandboxLine;
  expect(sandbox.provider.secretKey, 'the sandbox runs in live mode').toMatch(/^sk_live_/);
  stripe = createProviderClient({ apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey });
});

test.afterAll(async () => {
  if (!sandboxProcess || sandboxProcess.exitCode !== null) return;
  const exited = new Promise((resolve) => sandboxProcess!.once('exit', resolve));
  sandboxProcess.kill('SIGTERM');
  await exited;
});

for (const killCase of CASES) {
  const flow = killCase.spec === PURCHASE.spec ? 'purchase-refund' : 'subscribe-renew-cancel';
  test(`${flow} killed after step ${killCase.afterStep}: rehearse cleanup leaves no unrefunded charge and no active subscription`, async () => {
    test.setTimeout(90_000);
    const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-kill-'));
    try {
      const stateDir = path.join(dir, 'state');
      const progressFile = path.join(dir, 'progress.jsonl');
      const startedAt = Math.floor(Date.now() / 1000) - 1;

      const child = startScenario(killCase, { stateDir, progressFile, reportsDir: path.join(dir, 'reports') });
      try {
        await waitForStep(progressFile, killCase.afterStep, child);
      } finally {
        killGroup(child);
      }
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));

      const journal = new CleanupJournal(path.join(stateDir, 'cleanup-journal.jsonl'));
      const journaled = await journal.runs();
      if (killCase.afterStep >= 2) {
        expect(journaled.flatMap((run) => run.checkouts), 'the checkout was journaled before the payment page was submitted').toHaveLength(1);
      }

      const first = await rehearseCleanup(stateDir);
      expect(first.code, `rehearse cleanup exit code\n${first.stdout}${first.stderr}`).toBe(0);
      if (killCase.afterStep >= 2) expect(first.stdout).toMatch(/refunded charge ch_/);
      if (killCase.spec === SUBSCRIPTION.spec && killCase.afterStep >= 2 && killCase.afterStep < 5) expect(first.stdout).toMatch(/canceled subscription sub_/);

      // The run, found by its journal and by its click (utm_campaign = run id) — the journal is empty after step 1.
      const runIds = new Set([...journaled.map((run) => run.runId), ...(await runIdsOfClicksSince(startedAt))]);
      expect(runIds.size, 'the killed run is found').toBe(1);
      for (const runId of runIds) {
        const left = await leftBehind(runEmail(runId));
        expect(left.unrefundedCharges, `unrefunded charges of run ${runId}`).toEqual([]);
        expect(left.activeSubscriptions, `active subscriptions of run ${runId}`).toEqual([]);
        if (killCase.afterStep >= 2) expect(left.charges.length, 'the run did pay').toBeGreaterThan(0);
        expect(journaled.every((run) => run.mode === 'live'), 'journaled as a live run').toBe(true);
      }
      // The sandbox serves only this file, one case at a time: nothing anywhere since the case began is left either.
      const everything = await leftBehindSince(startedAt);
      expect(everything.unrefundedCharges).toEqual([]);
      expect(everything.activeSubscriptions).toEqual([]);

      const second = await rehearseCleanup(stateDir);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toMatch(/Nothing to do/);
      expect(second.stdout).not.toMatch(/refunded charge|canceled subscription/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...PARENT_RUN_VARIABLES, ...OWN_VARIABLES]) delete env[name];
  return env;
}

/** The provider/referral/merchant variables that point a rehearsal at the external sandbox (docs/architecture.md). */
function externalSandboxEnv(): NodeJS.ProcessEnv {
  return externalIntegrationEnv(sandbox);
}

function startScenario(killCase: KillCase, dirs: { stateDir: string; progressFile: string; reportsDir: string }): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    ...externalSandboxEnv(),
    ...LIVE_REHEARSAL,
    REHEARSAL_STATE_DIR: dirs.stateDir,
    REHEARSAL_PROGRESS_FILE: dirs.progressFile,
    REHEARSAL_REPORTS_DIR: dirs.reportsDir,
    REHEARSAL_EVENT_TIMEOUT_MS: '10000',
    FORCE_COLOR: '0',
  };
  const args = [PLAYWRIGHT_CLI, 'test', '--project=scenarios', killCase.spec, '--grep', killCase.grep, '--workers=1', '--reporter=line', '--global-timeout=120000'];
  // Its own process group (detached): the kill takes the runner, its worker and whatever they started.
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  (child as ChildProcess & { outputTail: () => string }).outputTail = () => output.join('').slice(-3_000);
  // Never outlive this test file.
  const killOnExit = () => killGroup(child);
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Resolves once the progress file shows checklist step `n` passed; fails if the run ends or fails first. */
async function waitForStep(progressFile: string, n: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 75_000;
  const tail = () => (child as ChildProcess & { outputTail?: () => string }).outputTail?.() ?? '';
  for (;;) {
    const lines = existsSync(progressFile) ? (await readFile(progressFile, 'utf8')).split('\n').filter(Boolean) : [];
    const steps = lines.map((line) => JSON.parse(line) as { step: string; status: string });
    const step = steps.find((s) => s.step.startsWith(`${n}. `));
    if (step?.status === 'passed') return;
    if (step || steps.some((s) => s.status !== 'passed')) {
      throw new Error(`The scenario failed before step ${n} passed: ${JSON.stringify(steps)}\n${tail()}`);
    }
    if (child.exitCode !== null) throw new Error(`The scenario ended (exit ${child.exitCode}) before step ${n} passed.\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`Step ${n} did not pass within 75 s (progress: ${JSON.stringify(steps)}).\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function rehearseCleanup(stateDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...cleanEnv(), ...externalSandboxEnv(), REHEARSAL_STATE_DIR: stateDir, FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/rehearse.mjs'), 'cleanup'], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Run ids of the referral clicks recorded since `since` (each click carries utm_campaign = run id). */
async function runIdsOfClicksSince(since: number): Promise<string[]> {
  const response = await fetch(`${sandbox.referral.url}/v1/clicks?created[gte]=${since}&limit=100`, {
    headers: { Authorization: `Bearer ${sandbox.referral.apiKey}` },
  });
  const list = (await response.json()) as { data: Array<{ metadata: Record<string, string> }> };
  return list.data.map((click) => click.metadata.utm_campaign).filter((id): id is string => !!id);
}

interface LeftBehind {
  charges: string[];
  unrefundedCharges: string[];
  activeSubscriptions: string[];
}

const LIVE_SUBSCRIPTION_STATUSES = new Set(['active', 'past_due', 'trialing', 'incomplete', 'unpaid']);

function summarize(charges: Stripe.Charge[], subscriptions: Stripe.Subscription[]): LeftBehind {
  const paid = [...new Map(charges.map((c) => [c.id, c])).values()].filter((c) => c.status === 'succeeded');
  return {
    charges: paid.map((c) => c.id),
    unrefundedCharges: paid.filter((c) => !c.refunded).map((c) => `${c.id} (${c.amount - c.amount_refunded} ${c.currency} unrefunded)`),
    activeSubscriptions: subscriptions.filter((s) => LIVE_SUBSCRIPTION_STATUSES.has(s.status)).map((s) => `${s.id} (${s.status})`),
  };
}

/** The run's charges and subscriptions, found by its email as an outsider would: sessions and customers. */
async function leftBehind(email: string): Promise<LeftBehind> {
  const sessions = await stripe.checkout.sessions.list({ customer_details: { email }, limit: 100 }).autoPagingToArray({ limit: 1000 });
  const customers = await stripe.customers.list({ email, limit: 100 }).autoPagingToArray({ limit: 1000 });
  const charges: Stripe.Charge[] = [];
  const subscriptions: Stripe.Subscription[] = [];
  for (const session of sessions) {
    const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
    if (intent) charges.push(...(await stripe.charges.list({ payment_intent: intent, limit: 100 })).data);
  }
  for (const customer of customers) {
    charges.push(...(await stripe.charges.list({ customer: customer.id, limit: 100 })).data);
    subscriptions.push(...(await stripe.subscriptions.list({ customer: customer.id, status: 'all', limit: 100 })).data);
  }
  return summarize(charges, subscriptions);
}

async function leftBehindSince(since: number): Promise<LeftBehind> {
  const charges = await stripe.charges.list({ created: { gte: since }, limit: 100 }).autoPagingToArray({ limit: 1000 });
  const subscriptions = await stripe.subscriptions.list({ status: 'all', limit: 100 }).autoPagingToArray({ limit: 1000 });
  return summarize(charges, subscriptions);
}
