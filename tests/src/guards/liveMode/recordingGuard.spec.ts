import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/index';
import { scanForLeaks } from '../../../../src/guards/leakScan/scanForLeaks';
import { liveRecordingRefusals } from '../../../../src/guards/liveMode/recordingGuard';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { externalIntegrationEnv } from '../../../support/externalIntegrationEnv';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
const INHERITED = /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_|FORCE_COLOR)/;
const LIVE_CARD = '4539148803436467';

test.describe('what Playwright may record of a live rehearsal', () => {
  const off = { trace: 'off', video: 'off', screenshot: 'off' };

  test('nothing is refused in test mode, and nothing when every recording is off', () => {
    expect(liveRecordingRefusals('test', { trace: 'on', video: 'on', screenshot: 'on' })).toEqual([]);
    expect(liveRecordingRefusals('live', off)).toEqual([]);
    expect(liveRecordingRefusals('live', { trace: { mode: 'off' }, video: { mode: 'off' }, screenshot: 'off' })).toEqual([]);
  });

  test('in live mode a trace, a video or Playwright screenshots of any kind are refused, one line each', () => {
    expect(liveRecordingRefusals('live', { ...off, trace: 'retain-on-failure' })).toEqual([
      "Playwright's trace is 'retain-on-failure': a live rehearsal records no trace (it would hold the live card and keys); run without --trace or set use.trace to 'off'.",
    ]);
    expect(liveRecordingRefusals('live', { trace: 'on', video: { mode: 'on-first-retry' }, screenshot: 'only-on-failure' })).toHaveLength(
      3,
    );
  });
});

test.describe('`npx playwright test --trace on` with live keys', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  test.beforeAll(async () => {
    sandbox = await startSandbox({ mode: 'live', providerPort: 0, shopPort: 0, referralPort: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-live-trace-'));
  });
  test.afterAll(async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('is refused before the first page opens: no trace is written, nothing is charged', async () => {
    test.setTimeout(120_000);
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) env[name] = value;
    Object.assign(env, externalIntegrationEnv(sandbox), {
      FORCE_COLOR: '0',
      REHEARSAL_MODE: 'live',
      REHEARSAL_CONFIRM_LIVE_FLAG: '1',
      REHEARSAL_CONFIRM_LIVE: 'Dress Rehearsal sandbox',
      REHEARSAL_MAX_AMOUNT: '5000',
      REHEARSAL_LIVE_CARD_NUMBER: LIVE_CARD,
      REHEARSAL_LIVE_CARD_EXPIRY: '12/34',
      REHEARSAL_LIVE_CARD_CVC: '123',
      REHEARSAL_REPORTS_DIR: path.join(dir, 'reports'),
      REHEARSAL_STATE_DIR: path.join(dir, 'state'),
    });
    const args = [
      PLAYWRIGHT_CLI,
      'test',
      '--project=scenarios',
      'scenarios/referral-purchase-refund.spec.ts',
      '--grep',
      'a referred customer buys',
      '--trace',
      'on',
      '--workers=1',
      '--reporter=line',
    ];
    const run = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: ROOT, env, timeout: 110_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
      });
    });
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain("Playwright's trace is 'on': a live rehearsal records no trace");
    expect(await scanForLeaks([path.join(dir, 'reports')]), 'no card number or key anywhere in what the run wrote').toEqual([]);
    const stripe = createProviderClient({ apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey });
    expect((await stripe.charges.list({ limit: 10 })).data, 'nothing was charged').toEqual([]);
  });
});
