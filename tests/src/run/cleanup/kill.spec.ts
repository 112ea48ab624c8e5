/**
 * Kill tests: a LIVE rehearsal SIGKILLed at each journal step boundary — checkout started, payment submitted, charge
 * seen, subscription created — leaves nothing behind once `rehearse cleanup` has run, for both example targets (the
 * demo shop's hosted Checkout and Kissa's Payment Element). One sandbox plays live in its own process with both
 * merchants (it outlives the killed rehearsal, as a real provider does); each case runs one scenario in a child
 * Playwright run pointed at it (live guard satisfied, a non-test card), waits until the journal holds the boundary's
 * entry, kills the child's whole process group, runs `rehearse cleanup` with the same state dir and the live key,
 * and checks at the provider through the SDK.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { CleanupJournal, type JournalEntry, type JournalEntryKind } from '../../../../src/run/cleanup/cleanupJournal';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { SANDBOX_NODE_ARGS } from '../../../support/sandboxCommand';
import { externalIntegrationEnv, type SandboxAddresses } from '../../../support/externalIntegrationEnv';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
/** Set by the Playwright run this file is part of; the child run must pick its own. */
const PARENT_RUN_VARIABLES = [
  'TEST_WORKER_INDEX',
  'TEST_PARALLEL_INDEX',
  'PLAYWRIGHT_TEST',
  'FORCE_COLOR',
  'DEBUG_COLORS',
  'SANDBOX_FAULTS',
];
/** What a developer's .env might point elsewhere: the child gets exactly the external sandbox. */
const OWN_VARIABLES = [
  'REHEARSAL_MODE',
  'REHEARSAL_TARGET',
  'REHEARSAL_ALSO_TARGETS',
  'REHEARSAL_PARTNER',
  'REHEARSAL_CONFIRM_LIVE',
  'REHEARSAL_CONFIRM_LIVE_FLAG',
  'REHEARSAL_MAX_AMOUNT',
  'REHEARSAL_PROGRESS_FILE',
  'REHEARSAL_STATE_DIR',
  'REHEARSAL_REPORTS_DIR',
  'REHEARSAL_EVENT_TIMEOUT_MS',
  'REHEARSAL_LIVE_CARD_NUMBER',
  'REHEARSAL_LIVE_CARD_EXPIRY',
  'REHEARSAL_LIVE_CARD_CVC',
  'REHEARSAL_LIVE_CARD_NAME',
  'REHEARSAL_LIVE_CARD_POSTAL_CODE',
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

/** `sandbox --json --merchant demo --merchant embedded`: both shops on one provider and referral platform. */
interface SandboxLine extends SandboxAddresses {
  embeddedShop: { url: string; apiKey: string; webhookSecret: string };
}

interface ExampleTarget {
  name: 'demo' | 'embedded-elements';
  /** Where the target's shop is, in the sandbox's line. */
  addresses: (line: SandboxLine) => SandboxAddresses;
}

const TARGETS: ExampleTarget[] = [
  { name: 'demo', addresses: (line) => line },
  {
    name: 'embedded-elements',
    addresses: (line) => ({
      ...line,
      shop: { url: line.embeddedShop.url, adminKey: line.embeddedShop.apiKey, webhookSecret: line.embeddedShop.webhookSecret },
    }),
  },
];

const FLOWS = [
  {
    flow: 'purchase-refund',
    spec: 'scenarios/referral-purchase-refund.spec.ts',
    grep: 'a referred customer buys',
    boundaries: ['checkout-started', 'payment-submitted', 'charge'] as JournalEntryKind[],
  },
  {
    flow: 'subscribe-renew-cancel',
    spec: 'scenarios/subscribe-renew-cancel.spec.ts',
    grep: 'a referred customer subscribes',
    boundaries: ['checkout-started', 'payment-submitted', 'subscription'] as JournalEntryKind[],
  },
];

/** The words the issue uses for each boundary. */
const BOUNDARY_NAMES: Partial<Record<JournalEntryKind, string>> = {
  'checkout-started': 'checkout started',
  'payment-submitted': 'payment submitted',
  charge: 'charge seen',
  subscription: 'subscription created',
};

test.describe.configure({ mode: 'serial' });

let sandboxProcess: ChildProcess | undefined;
let sandbox: SandboxLine;
let stripe: Stripe;

test.beforeAll(async () => {
  test.setTimeout(30_000);
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, '--json', '--live', '--merchant', 'demo', '--merchant', 'embedded'], {
    cwd: ROOT,
    env: { ...cleanEnv(), SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_SHOP_PORT: '0', SANDBOX_EMBEDDED_SHOP_PORT: '0' },
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

for (const target of TARGETS) {
  for (const flow of FLOWS) {
    for (const boundary of flow.boundaries) {
      test(`${target.name} ${flow.flow}, SIGKILLed once "${BOUNDARY_NAMES[boundary]}" is journaled: rehearse cleanup leaves no unrefunded charge and no active subscription`, async () => {
        test.setTimeout(120_000);
        const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-kill-'));
        try {
          const stateDir = path.join(dir, 'state');
          const journal = new CleanupJournal(path.join(stateDir, 'cleanup-journal.jsonl'));
          const startedAt = Math.floor(Date.now() / 1000) - 1;

          const child = startScenario(target, flow, { stateDir, reportsDir: path.join(dir, 'reports') });
          let entry: JournalEntry;
          try {
            entry = await waitForJournalEntry(journal, boundary, child);
          } finally {
            killGroup(child);
          }
          await new Promise((resolve) =>
            child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve),
          );

          const journaled = await journal.runs();
          expect(journaled, 'one run was journaled').toHaveLength(1);
          expect(journaled[0]!.mode, 'journaled as a live run').toBe('live');
          if (entry.kind === 'checkout-started') {
            expect(entry.payment?.id, 'the checkout is journaled with the payment its page shows').toMatch(/^(cs|pi)_/);
          }

          const first = await rehearseCleanup(stateDir);
          expect(first.code, `rehearse cleanup exit code\n${first.stdout}${first.stderr}`).toBe(0);
          if (boundary !== 'checkout-started') expect(first.stdout).toMatch(/refunded charge ch_/);
          if (flow.flow === 'subscribe-renew-cancel' && boundary !== 'checkout-started')
            expect(first.stdout).toMatch(/canceled subscription sub_/);

          // The sandbox serves only this file, one case at a time: everything since the case began is the run's.
          const left = await leftBehindSince(startedAt);
          expect(left.unrefundedCharges, 'unrefunded charges of the run').toEqual([]);
          expect(left.activeSubscriptions, 'active subscriptions of the run').toEqual([]);
          if (boundary !== 'checkout-started') expect(left.charges.length, 'the run did pay').toBeGreaterThan(0);

          const second = await rehearseCleanup(stateDir);
          expect(second.code, second.stdout + second.stderr).toBe(0);
          expect(second.stdout).toMatch(/Nothing to do/);
          expect(second.stdout).not.toMatch(/refunded charge|canceled subscription/);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    }
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...PARENT_RUN_VARIABLES, ...OWN_VARIABLES]) delete env[name];
  return env;
}

function startScenario(target: ExampleTarget, flow: (typeof FLOWS)[number], dirs: { stateDir: string; reportsDir: string }): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    ...externalIntegrationEnv(target.addresses(sandbox)),
    ...LIVE_REHEARSAL,
    REHEARSAL_TARGET: target.name,
    REHEARSAL_STATE_DIR: dirs.stateDir,
    REHEARSAL_REPORTS_DIR: dirs.reportsDir,
    REHEARSAL_EVENT_TIMEOUT_MS: '10000',
    FORCE_COLOR: '0',
  };
  const args = [
    PLAYWRIGHT_CLI,
    'test',
    '--project=scenarios',
    flow.spec,
    '--grep',
    flow.grep,
    '--workers=1',
    '--reporter=line',
    '--global-timeout=120000',
  ];
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

/** Resolves with the first journal entry of `kind`, as soon as it is on disk; fails if the run ends first. */
async function waitForJournalEntry(journal: CleanupJournal, kind: JournalEntryKind, child: ChildProcess): Promise<JournalEntry> {
  const deadline = Date.now() + 90_000;
  const tail = () => (child as ChildProcess & { outputTail?: () => string }).outputTail?.() ?? '';
  for (;;) {
    const entries = await journal.entries();
    const entry = entries.find((e) => e.kind === kind);
    if (entry) return entry;
    if (child.exitCode !== null) throw new Error(`The scenario ended (exit ${child.exitCode}) before "${kind}" was journaled.\n${tail()}`);
    if (Date.now() > deadline)
      throw new Error(`"${kind}" was not journaled within 90 s (journal: ${entries.map((e) => e.kind).join(', ')}).\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function rehearseCleanup(stateDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...cleanEnv(), ...externalIntegrationEnv(sandbox), REHEARSAL_STATE_DIR: stateDir, FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/rehearse.mjs'), 'cleanup'],
      { cwd: ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
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

async function leftBehindSince(since: number): Promise<LeftBehind> {
  const charges = await stripe.charges.list({ created: { gte: since }, limit: 100 }).autoPagingToArray({ limit: 1000 });
  const subscriptions = await stripe.subscriptions.list({ status: 'all', limit: 100 }).autoPagingToArray({ limit: 1000 });
  return summarize(charges, subscriptions);
}
