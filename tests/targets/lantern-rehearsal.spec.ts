/**
 * The third example target, as an outside merchant meets the harness: Lantern & Co. (sandbox/lantern/, its own
 * minimal app: payment-only, no email collected, cancels in Stripe's customer portal) rehearsed through
 * targets/lantern/ only. The way its README says: `npm run sandbox -- --no-merchant`, `npm run sandbox:seed`, the
 * app started with what the seed printed (its portal left at Stripe's default: cancel at the period end), then
 * `rehearse run`. Every referral item is "not in this rehearsal"; everything else the shop can do is rehearsed and
 * the run is READY (pending the signer's attestations).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse as parseDotenv } from 'dotenv';
import { startLantern, type RunningLantern } from '../../sandbox/lantern/server';
import { SANDBOX_NODE_ARGS } from '../support/sandboxCommand';
import { runRehearse } from '../support/rehearseCommand';
import { freePort } from '../support/freePort';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REFERRAL_ITEMS = [
  'referral-click-tracked',
  'conversion-and-commission-recorded',
  'refund-reverses-commission',
  'commission-rule-as-agreed',
  'tracking-snippet-key',
];
/** The app's refund API key, as targets/lantern/.env names it (a made-up test value). */
const ADMIN_KEY = 'lantern_admin_test_0000';

interface NoMerchantLine {
  provider: { url: string; secretKey: string; publishableKey: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

test.describe.configure({ mode: 'serial' });

let sandbox: ReturnType<typeof spawn> | undefined;
let app: RunningLantern | undefined;
let dir: string;

test.afterAll(async () => {
  await app?.stop();
  if (sandbox && sandbox.exitCode === null) {
    const exited = new Promise((resolve) => sandbox!.once('exit', resolve));
    sandbox.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('Lantern & Co., written from the README alone, is READY for everything it can rehearse; its referral items are not in this rehearsal', async () => {
  test.setTimeout(300_000);
  dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-lantern-'));

  // 1. The sandbox for an external merchant: provider and referral platform only.
  sandbox = spawn(process.execPath, [...SANDBOX_NODE_ARGS, '--json', '--no-merchant'], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_API_VERSION: '', SANDBOX_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  sandbox.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const line = await new Promise<NoMerchantLine>((resolve, reject) => {
    let stdout = '';
    sandbox!.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as NoMerchantLine);
    });
    sandbox!.once('exit', (code) => reject(new Error(`The sandbox exited (${code}) before it was ready:\n${stderr}`)));
  });

  // 2. Seed it from targets/lantern's catalogue, for the app's webhook endpoint.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const seeded = await seed([
    '--target',
    'lantern',
    '--webhook-url',
    `${appUrl}/stripe/webhook`,
    '--events',
    'checkout.session.async_payment_succeeded',
    '--provider-url',
    line.provider.url,
    '--referral-url',
    line.referral.url,
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
  const printed = parseDotenv(seeded.stdout);
  expect(
    Object.keys(printed).filter((name) => name.startsWith('REFERRAL_')),
    'a payment-only merchant needs no referral platform',
  ).toEqual([]);
  const webhookSecret = printed.MERCHANT_WEBHOOK_SECRET!;
  expect(webhookSecret).toMatch(/^whsec_/);

  // 3. The merchant's app, started with what the seed printed.
  app = await startLantern({
    stripeSecretKey: line.provider.secretKey,
    stripeApiBase: line.provider.url,
    webhookSecret,
    adminKey: ADMIN_KEY,
    port,
  });
  // The customer portal keeps Stripe's default: a cancellation takes effect at the end of the period.

  // 4. The rehearsal, with only what the operator sets (the environment wins over targets/lantern/.env).
  const reportsDir = path.join(dir, 'reports');
  const run = await runRehearse(
    ['run'],
    {
      ...printed,
      REHEARSAL_TARGET: 'lantern',
      REHEARSAL_MERCHANT_URL: appUrl,
      MERCHANT_ADMIN_KEY: ADMIN_KEY,
      REHEARSAL_REPORTS_DIR: reportsDir,
      REHEARSAL_STATE_DIR: path.join(dir, 'state'),
    },
    { clean: true, timeoutMs: 280_000 },
  );
  const output = run.stdout + run.stderr;
  expect(output.split('\n')[0], 'the first line names the system rehearsed').toMatch(
    /^▸ Rehearsing your site at http:\/\/127\.0\.0\.1:\d+/,
  );

  const runId = (await readdir(reportsDir)).find((name) => name.startsWith('rh-'));
  expect(runId, output).toBeDefined();
  const signoff = JSON.parse(await readFile(path.join(reportsDir, runId!, 'signoff.json'), 'utf8')) as {
    verdict: { kind: string; headline: string; reasons: string[] };
    items: Array<{ item: { id: string; blocking?: boolean }; status: string; reason: string; skipKind?: string }>;
  };
  const byId = new Map(signoff.items.map((verdict) => [verdict.item.id, verdict]));
  for (const id of REFERRAL_ITEMS) {
    expect(byId.get(id), `${id} is in the sign-off`).toBeDefined();
    expect(byId.get(id)!.status, `${id}: ${byId.get(id)!.reason}`).toBe('skipped');
    expect(byId.get(id)!.reason, id).toMatch(/referral programme/);
  }
  for (const id of [
    'payment-end-to-end',
    'refund-end-to-end',
    'subscription-lifecycle',
    'declines-handled',
    'no-double-charge',
    'webhooks-delivered',
  ]) {
    expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.reason}`).toBe('passed');
  }
  expect(signoff.verdict.kind, `${signoff.verdict.headline}\n${signoff.verdict.reasons.join('\n')}\n${output.slice(-6_000)}`).toBe(
    'ready-pending-attestation',
  );
  expect(run.code, output.slice(-6_000)).toBe(0);
});

function seed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/seedSandbox.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
