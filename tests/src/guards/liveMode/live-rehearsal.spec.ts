import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Stripe from 'stripe';
import { SANDBOX_NODE_ARGS } from '../../../support/sandboxCommand';
import { externalIntegrationEnv } from '../../../support/externalIntegrationEnv';

/**
 * End to end, through the real commands: the sandbox started live in its own process (`sandbox/main.ts --json
 * --live`, as `npm run sandbox -- --live` does), then `rehearse run --mode live --confirm-live` against it with an
 * operator's card that is not a Stripe test card; the run passes, and the provider shows nothing left charged.
 * And the in-flight cap: a test-mode run with a cap below the price refuses to pay.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../../..');
const INHERITED = /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_|FORCE_COLOR)/;

interface SandboxLine {
  provider: { url: string; secretKey: string; publishableKey: string };
  shop: { url: string; adminKey?: string; webhookSecret?: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) env[name] = value;
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** Starts the live sandbox on free ports and resolves with its JSON line (rejects if it exits first). */
function startLiveSandbox(): Promise<{ child: ChildProcess; line: SandboxLine; stderr: () => string }> {
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, '--json', '--live'], {
    cwd: PROJECT_ROOT,
    env: cleanEnv({ SANDBOX_PROVIDER_PORT: '0', SANDBOX_SHOP_PORT: '0', SANDBOX_REFERRAL_PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (text) => {
      try {
        resolve({ child, line: JSON.parse(text) as SandboxLine, stderr: () => stderr });
      } catch (error) {
        reject(new Error(`The sandbox printed something other than its JSON line: ${(error as Error).message}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`The live sandbox exited (code ${code}) before it was ready:\n${stderr}`)));
    setTimeout(() => reject(new Error(`The live sandbox was not ready within 60 s:\n${stderr}`)), 60_000).unref();
  });
}

function rehearse(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['bin/rehearse.mjs', ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const killChild = () => child.kill('SIGTERM');
  process.on('exit', killChild);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      process.off('exit', killChild);
      resolve({ code, output });
    });
  });
}

test.describe('a live rehearsal', () => {
  test.setTimeout(300_000);
  let sandbox: Awaited<ReturnType<typeof startLiveSandbox>> | undefined;
  let workDir: string;

  test.beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'rehearsal-live-e2e-'));
  });

  test.afterAll(async () => {
    if (sandbox && sandbox.child.exitCode === null) {
      const exited = new Promise((resolve) => sandbox!.child.once('exit', resolve));
      sandbox.child.kill('SIGTERM');
      await exited;
    }
    await rm(workDir, { recursive: true, force: true });
  });

  test('against `sandbox --live`: every flow passes or is skipped with its reason, and nothing is left charged or subscribed', async () => {
    sandbox = await startLiveSandbox();
    const { line } = sandbox;
    expect(line.provider.secretKey, 'the sandbox runs live').toMatch(/^sk_live_/);

    const run = await rehearse(
      ['run', '--mode', 'live', '--confirm-live'],
      cleanEnv({
        // Preflight also probes the shop's webhook endpoint (signed, unsigned, forged, stale, other mode) with its secret.
        ...externalIntegrationEnv(line),
        REHEARSAL_CONFIRM_LIVE: 'Dress Rehearsal sandbox',
        REHEARSAL_MAX_AMOUNT: '5000',
        // Not one of Stripe's test cards: the live sandbox declines those, as Stripe does.
        REHEARSAL_LIVE_CARD_NUMBER: '4111111111111111',
        REHEARSAL_LIVE_CARD_EXPIRY: '12/34',
        REHEARSAL_LIVE_CARD_CVC: '123',
        REHEARSAL_REPORTS_DIR: path.join(workDir, 'reports'),
        REHEARSAL_STATE_DIR: path.join(workDir, 'state'),
      }),
    );
    expect(run.output).toContain('▸ Checking the live mode guard… ✓');
    // The purchase-refund and subscribe-cancel flows run; declines and duplicate submits need test cards or would
    // charge twice, so they are skipped in live mode.
    expect(run.output).toMatch(/4 passed/); // preflight, purchase-refund, zero-decimal purchase, subscribe-cancel
    expect(run.output).toMatch(/6 skipped/); // 4 declines, duplicate submits, webhook resilience
    expect(run.output).toContain('✓ Every scenario that ran passed.');
    expect(run.output).toMatch(/^Sign-off report: .*signoff\.html$/m);
    expect(run.output, 'no blocking item failed in live mode').not.toContain('NOT READY');
    expect(run.code, run.output).toBe(0);
    expect(run.output, 'the card never reaches the output').not.toContain('4111111111111111');

    const url = new URL(line.provider.url);
    const stripe = new Stripe(line.provider.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http' });
    const charges = (await stripe.charges.list({ limit: 100 })).data;
    expect(charges.length, 'the run paid (one live charge)').toBeGreaterThan(0);
    expect(
      charges.every((charge) => charge.livemode),
      'every charge is live',
    ).toBe(true);
    const unrefunded = charges.filter((charge) => charge.paid && charge.amount_refunded < charge.amount);
    expect(
      unrefunded.map((charge) => `${charge.id} (${charge.amount} ${charge.currency}, ${charge.amount_refunded} refunded)`),
      'no charge is left unrefunded',
    ).toEqual([]);
    const subscriptions = (await stripe.subscriptions.list({ status: 'all', limit: 100 })).data;
    expect(subscriptions.length, 'the run subscribed (one live subscription)').toBeGreaterThan(0);
    const stillBilling = subscriptions.filter((subscription) => ['active', 'past_due', 'trialing'].includes(subscription.status));
    expect(
      stillBilling.map((subscription) => `${subscription.id} (${subscription.status})`),
      'no subscription is left active',
    ).toEqual([]);
  });
});

test('the in-flight cap: a payment page above REHEARSAL_MAX_AMOUNT is not submitted (test mode with a cap set)', async () => {
  test.setTimeout(300_000);
  const workDir = await mkdtemp(path.join(tmpdir(), 'rehearsal-cap-'));
  try {
    const run = await rehearse(
      ['run', '--grep', 'a refund reverses it'],
      cleanEnv({
        REHEARSAL_MAX_AMOUNT: '1000',
        REHEARSAL_EVENT_TIMEOUT_MS: '3000',
        REHEARSAL_REPORTS_DIR: path.join(workDir, 'reports'),
        REHEARSAL_STATE_DIR: path.join(workDir, 'state'),
      }),
    );
    expect(run.output).toMatch(
      /Refusing to pay: checkout session cs_test_\w+ asks for 2000 usd \(amount_total\), above REHEARSAL_MAX_AMOUNT=1000; nothing was submitted\./,
    );
    expect(run.output).toMatch(/1 failed/);
    expect(run.code).toBe(1);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});
