import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../../sandbox/index';
import { externalIntegrationEnv } from '../../support/externalIntegrationEnv';
import { outputLines, runRehearse, type CommandOutcome } from '../../support/rehearseCommand';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * A configuration mistake in the environment ends `rehearse` with one line naming the variable and what to set,
 * exit 2 and no stack, before anything starts: an unknown SANDBOX_FAULTS name, an invalid SANDBOX_INJECTION plan,
 * and a MERCHANT_ADMIN_KEY too short to be kept out of the reports (never printed).
 */

let reportsDir: string;

test.beforeEach(async () => {
  reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearse-config-errors-'));
});

test.afterEach(async () => {
  await rm(reportsDir, { recursive: true, force: true });
});

/** `rehearse <args>` with only `env` of the rehearsal's variables, reports in the temp dir. */
function rehearse(args: string[], env: Record<string, string>): Promise<CommandOutcome> {
  return runRehearse(
    args,
    { REHEARSAL_REPORTS_DIR: reportsDir, REHEARSAL_STATE_DIR: path.join(reportsDir, 'state'), ...env },
    { clean: true },
  );
}

function expectOneLineExit2(outcome: CommandOutcome): string {
  expect(outputLines(outcome.stderr), `stderr:\n${outcome.stderr}`).toHaveLength(1);
  expect(outcome.stderr + outcome.stdout).not.toMatch(/Unexpected error|^\s+at /m);
  expect(outcome.code).toBe(2);
  return outputLines(outcome.stderr)[0]!;
}

test('an unknown SANDBOX_FAULTS name: one line naming it and the known faults, exit 2', async () => {
  const line = expectOneLineExit2(await rehearse(['preflight'], { SANDBOX_FAULTS: 'shop.accept-unsigned-webhooks,nope' }));
  expect(line).toMatch(
    /^Unknown sandbox fault "nope" in SANDBOX_FAULTS: use the fault switches of sandbox\/README\.md \(referral\.skip-refund-reversal, .*\), comma-separated, or leave SANDBOX_FAULTS empty for none\.$/,
  );
  expect(line).toContain('shop.accept-unsigned-webhooks, ');
});

test('a SANDBOX_REFERRAL_PLATFORM of no platform: one line naming it and the platforms, exit 2', async () => {
  const line = expectOneLineExit2(await rehearse(['preflight'], { SANDBOX_REFERRAL_PLATFORM: 'rewardfull' }));
  expect(line).toBe(
    'SANDBOX_REFERRAL_PLATFORM=rewardfull is not a referral platform the sandbox runs: use dress-rehearsal, rewardful, dub (empty: dress-rehearsal).',
  );
});

test('SANDBOX_REFERRAL_PLATFORM and REFERRAL_PLATFORM naming different platforms: one line, exit 2', async () => {
  const line = expectOneLineExit2(await rehearse(['preflight'], { SANDBOX_REFERRAL_PLATFORM: 'rewardful', REFERRAL_PLATFORM: 'dub' }));
  expect(line).toMatch(/^SANDBOX_REFERRAL_PLATFORM=rewardful and REFERRAL_PLATFORM=dub name different referral platforms: /);
});

test('an invalid SANDBOX_INJECTION plan: one line naming the variable, exit 2', async () => {
  const line = expectOneLineExit2(await rehearse(['preflight'], { SANDBOX_INJECTION: '{not json' }));
  expect(line).toMatch(/^SANDBOX_INJECTION is not valid JSON \(.*\); expected e\.g\. /);
});

test('a MERCHANT_ADMIN_KEY shorter than 8 characters: one line naming the variable (not its value), exit 2, nothing run', async () => {
  const outcome = await rehearse(['run'], {
    REHEARSAL_MERCHANT_URL: 'http://127.0.0.1:9',
    STRIPE_SECRET_KEY: 'sk_test_external_0000',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_external_0000',
    REFERRAL_API_BASE: 'http://127.0.0.1:9',
    REFERRAL_SECRET_KEY: 'sk_test_referral_external_0000',
    REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_external_0000',
    MERCHANT_ADMIN_KEY: 'adm1234',
  });
  const line = expectOneLineExit2(outcome);
  expect(line).toBe(
    "MERCHANT_ADMIN_KEY is shorter than 8 characters, too short to be kept out of the reports: set it to the real secret (see .env.example), or unset MERCHANT_ADMIN_KEY if your target's flows do not need it.",
  );
  expect(outcome.stdout + outcome.stderr).not.toContain('adm1234');
  expect(outcome.stdout, 'no scenario started').not.toMatch(/Running \d+ tests?/);
});

test('a referral API base that answers 200 with a web page: one line naming REFERRAL_API_BASE, exit 2', async () => {
  const sandbox = await startSandbox({ providerPort: 0, shopPort: 0, referralPort: 0 });
  const website = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Acme referrals — sign in</title>');
  });
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = website.address() as AddressInfo;
    const line = expectOneLineExit2(
      await rehearse(['preflight'], { ...externalIntegrationEnv(sandbox), REFERRAL_API_BASE: `http://127.0.0.1:${port}` }),
    );
    expect(line).toMatch(/answered GET \S+ with text\/html, not JSON: check REFERRAL_API_BASE/);
  } finally {
    await new Promise((resolve) => website.close(resolve));
    await sandbox.stop();
  }
});

test('a REHEARSAL_SINK_URL that is not a URL, or a REHEARSAL_SINK_PORT that is not a port: one line naming it, exit 2, before the run starts', async () => {
  const url = expectOneLineExit2(await rehearse(['run'], { REHEARSAL_SINK_URL: 'not-a-url' }));
  expect(url).toMatch(
    /^REHEARSAL_SINK_URL=not-a-url is not a URL: set it to the public http\(s\) URL your tunnel forwards to this machine/,
  );
  const port = expectOneLineExit2(
    await rehearse(['run'], { REHEARSAL_SINK_URL: 'https://abc.trycloudflare.com', REHEARSAL_SINK_PORT: '99999' }),
  );
  expect(port).toMatch(/^REHEARSAL_SINK_PORT=99999 is not a port/);
});
