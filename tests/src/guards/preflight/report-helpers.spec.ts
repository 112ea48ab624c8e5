import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckId, CheckResult, ChecklistItemId, PreflightReport } from '../../../../src/model/checklist/types';
import {
  blockingFailures,
  formatPreflightLines,
  runPreflight,
  writePreflightReport,
  type PreflightCheck,
} from '../../../../src/guards/preflight/index';
import type { TargetEnvironment } from '../../../../src/model/target/contract';
import { demoTarget } from '../../../../targets/demo/target';

/*
 * The runner and its outputs without a sandbox: a check that throws becomes its own failed result; the console lines,
 * the blocking failures and the JSON file.
 */

const FAKE_SECRET = 'sk_test_51NotARealKeyButShapedLikeOne0000';

/** Nothing listens here; the checks below never call it. */
const ENVIRONMENT: TargetEnvironment = {
  merchant: { baseUrl: 'http://127.0.0.1:9' },
  provider: { apiBase: 'http://127.0.0.1:9', secretKey: FAKE_SECRET, publishableKey: 'pk_test_51NotARealKey' },
  referral: { apiBase: 'http://127.0.0.1:9', secretKey: 'sk_test_referral_notreal_0000', publishableKey: 'pk_test_referral_notreal' },
  requiredWebhookEndpoints: [],
  release: async () => {},
};

function result(check: CheckId, item: ChecklistItemId, status: CheckResult['status'], summary: string): CheckResult {
  return { check, item, status, summary, details: [], startedAt: 0, durationMs: 1 };
}

function report(results: CheckResult[]): PreflightReport {
  return {
    runId: 'rh-test',
    mode: 'test',
    target: 'demo',
    provider: { apiBase: 'http://127.0.0.1:9', apiVersion: 'v' },
    startedAt: 0,
    endedAt: 1,
    results,
  };
}

test('a check that throws becomes that check failed (with the secret redacted), and the next check still runs', async () => {
  const throws: PreflightCheck = {
    id: 'test.throws' as CheckId, // a made-up check: the table has no check that throws
    item: 'keys-valid-for-mode',
    run: async () => {
      throw new Error(`boom with ${FAKE_SECRET}`);
    },
  };
  const passes: PreflightCheck = {
    id: 'test.passes' as CheckId,
    item: 'keys-valid-for-mode',
    run: async () => ({ status: 'passed', summary: 'Fine.' }),
  };
  const twoItems: PreflightCheck = {
    id: 'test.two-items' as CheckId,
    item: ['catalogue-in-mode', 'amounts-in-minor-units'],
    run: () => {
      throw new Error('synchronous');
    },
  };
  const outcome = await runPreflight({
    target: demoTarget,
    environment: ENVIRONMENT,
    mode: 'test',
    runId: 'rh-test',
    checks: [throws, passes, twoItems],
  });
  expect(outcome.results.map((r) => [r.check, r.item, r.status])).toEqual([
    ['test.throws', 'keys-valid-for-mode', 'failed'],
    ['test.passes', 'keys-valid-for-mode', 'passed'],
    ['test.two-items', 'catalogue-in-mode', 'failed'],
    ['test.two-items', 'amounts-in-minor-units', 'failed'],
  ]);
  expect(outcome.results[0]!.summary).toBe(
    'The check test.throws could not run to the end (boom with [redacted]): make sure the provider, the referral platform and the site are reachable, then run preflight again.',
  );
  expect(outcome.provider.account).toBeUndefined();
});

test('formatPreflightLines shows one line per item touched, in checklist order, with the first failing summary', () => {
  const lines = formatPreflightLines(
    report([
      result('referral.snippet-key', 'tracking-snippet-key', 'passed', 'Fine.'),
      result('keys.authenticate', 'keys-valid-for-mode', 'passed', 'Fine.'),
      result('keys.mode', 'keys-valid-for-mode', 'failed', `Wrong mode for ${FAKE_SECRET}.`),
      result('provider.request-ids', 'request-ids-logged', 'failed', 'No request id.'),
      result('webhooks.endpoints-https', 'webhook-endpoints-https', 'skipped', 'Test run.'),
      result('merchant-webhook.rejects-unsigned', 'merchant-webhook-verifies-signatures', 'passed', 'Refused.'),
      result('merchant-webhook.rejects-stale', 'merchant-webhook-verifies-signatures', 'skipped', 'Set MERCHANT_WEBHOOK_SECRET.'),
    ]),
  );
  expect(lines).toEqual([
    "✗ The payment and referral keys work, and all of them belong to this run's mode (test or live), never mixed — Wrong mode for [redacted].",
    '! Every call to the payment provider is logged with its request id — No request id.',
    '– Live webhook endpoints use HTTPS — Test run.',
    "✓ The shop's webhook endpoint rejects unsigned, forged and replayed (stale) events — partly checked: Set MERCHANT_WEBHOOK_SECRET.",
    "✓ The referral tracking snippet on the shop's pages carries the referral platform's publishable key of this mode",
  ]);
});

test('blockingFailures lists the failed results of blocking items only (not warnings, not skips)', () => {
  const blocking = result('keys.mode', 'keys-valid-for-mode', 'failed', 'Wrong.');
  const found = blockingFailures(
    report([
      blocking,
      result('provider.request-ids', 'request-ids-logged', 'failed', 'Warning item.'),
      result('keys.authenticate', 'keys-valid-for-mode', 'warning', 'Only a warning.'),
      result('webhooks.endpoints-https', 'webhook-endpoints-https', 'skipped', 'Test run.'),
    ]),
  );
  expect(found).toEqual([blocking]);
});

test('writePreflightReport writes <runDir>/evidence/preflight.json, redacted, leaving no temporary file', async () => {
  const runDir = await mkdtemp(path.join(tmpdir(), 'preflight-report-'));
  try {
    const written = await writePreflightReport(
      runDir,
      report([result('keys.mode', 'keys-valid-for-mode', 'failed', `Key ${FAKE_SECRET} is wrong.`)]),
    );
    expect(written).toBe(path.join(runDir, 'evidence', 'preflight.json'));
    const text = await readFile(written, 'utf8');
    expect(text).not.toContain(FAKE_SECRET);
    expect((JSON.parse(text) as PreflightReport).results[0]!.summary).toBe('Key [redacted] is wrong.');
    expect(await readdir(path.join(runDir, 'evidence'))).toEqual(['preflight.json']);
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
});
