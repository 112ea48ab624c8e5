import { expect, test } from '@playwright/test';
import { CHECKLIST, checklistItem, type ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import { blockingFailures, formatPreflightLines, PREFLIGHT_CHECKS, runPreflight } from '../../../../src/guards/preflight/index';
import { demoTarget } from '../../../../targets/demo/target';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/*
 * Every preflight check passes on the correct sandbox: once in test mode through the demo target's own embedded
 * sandbox (as the Playwright fixtures connect it), once in live mode, where the HTTPS check runs too.
 */

/** Rewardful's and Dub's own checks: not in a rehearsal of Dress Rehearsal's own platform ("Not checked: …"). */
function otherPlatforms(item: ChecklistItemId): boolean {
  return (checklistItem(item).platform ?? 'dress-rehearsal') !== 'dress-rehearsal';
}

test('every check passes in test mode on the embedded demo sandbox (HTTPS is live-only: skipped)', async ({ browser }) => {
  const environment = await demoTarget.connect({ workerIndex: 0, env: { SANDBOX_FAULTS: '' } });
  try {
    const report = await runPreflight({ target: demoTarget, environment, mode: 'test', runId: 'preflight-self-test', browser });

    const expected = PREFLIGHT_CHECKS.flatMap((check) =>
      (typeof check.item === 'string' ? [check.item] : [...check.item]).map((item) => `${check.id} ${item}`),
    );
    expect(report.results.map((result) => `${result.check} ${result.item}`)).toEqual(expected);
    for (const result of report.results) {
      const expectedStatus = result.check === 'webhooks.endpoints-https' || otherPlatforms(result.item) ? 'skipped' : 'passed';
      expect(result.status, `${result.check}: ${result.summary}`).toBe(expectedStatus);
      expect(result.summary).toMatch(/^[A-Z].*\.$/);
    }
    expect(resultOf(report, 'webhooks.endpoints-https').summary).toContain('this is a test run');
    expect(resultOf(report, 'merchant-webhook.answers-signed').summary).toContain('limit 10 s');
    // The demo shop's own endpoint at the referral platform answers the test ping, read back from the delivery log.
    expect(resultOf(report, 'referral.endpoints-ping').summary).toMatch(
      /^The referral platform's test ping reached the merchant's endpoint http:\/\/127\.0\.0\.1:\d+\/webhooks\/referral, which answered 2\d\d\.$/,
    );
    expect(report.provider.account?.id).toBe('acct_1DressRehearsal');
    expect(blockingFailures(report)).toEqual([]);

    // Every check id the checklist names is one preflight runs, and the other way round.
    const named = new Set(CHECKLIST.flatMap((item) => item.checks ?? []));
    expect([...named].sort()).toEqual([...new Set(PREFLIGHT_CHECKS.map((check) => check.id))].sort());

    const lines = formatPreflightLines(report);
    expect(lines.filter((line) => line.startsWith('✓ '))).toHaveLength(13);
    expect(lines).toContain('– Live webhook endpoints use HTTPS — Only live webhook endpoints must use HTTPS; this is a test run.');
    expect(JSON.stringify(report)).not.toMatch(/\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9_]{8,}|whsec_[A-Za-z0-9+/=]{8,}/);
  } finally {
    await environment.release();
  }
});

test('every check passes in live mode, loopback endpoints exempt from HTTPS because the provider is a local sandbox', async ({
  browser,
}) => {
  const live = await startPreflightSandbox({ mode: 'live' });
  try {
    const report = await preflightOn(live, { browser });
    for (const result of report.results)
      expect(result.status, `${result.check}: ${result.summary}`).toBe(otherPlatforms(result.item) ? 'skipped' : 'passed');
    const https = resultOf(report, 'webhooks.endpoints-https');
    expect(https.summary).toMatch(
      /^Every enabled live webhook endpoint uses HTTPS, except 2 loopback endpoints, exempt because the provider \(http:\/\/127\.0\.0\.1:\d+\) is itself on loopback/,
    );
    expect(resultOf(report, 'keys.mode').summary).toBe('All four keys are live keys.');
    expect(resultOf(report, 'merchant-webhook.rejects-other-mode').summary).toContain(
      'a correctly signed test-mode event in this live integration',
    );
    expectNoSecretIn(report, live);
  } finally {
    await live.stop();
  }
});
