import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { SHOP_API_VERSION_VARIABLE, ShopApiVersionError, shopApiVersionFromEnv } from '../../../sandbox/index';
import { DETECTION_EVENT_TIMEOUT_MS } from '../../detection/eventTimeout';
import { plainText, runScenarioFilesInChildProcess } from '../../detection/runScenarioInChildProcess';
import { ALL_SCENARIO_FILES } from '../../support/scenarioFiles';

/*
 * A merchant pinned to 2020-08-27 and one on today's version both run through the demo flows against the sandbox
 * without a false failure: every demo scenario (purchase through hosted Checkout, refund from the shop's admin,
 * subscribe, renew on a test clock, cancel, declines, duplicate submits, late and repeated webhooks, yen) runs in a
 * child rehearsal whose demo shop is pinned to the version (SANDBOX_SHOP_API_VERSION: its SDK client, its webhook
 * endpoint and the account's default, so its events are written in it). The harness stays on the SDK's version.
 */

const SCENARIOS = [...ALL_SCENARIO_FILES];

test.describe('the demo flows with the demo shop pinned to an API version', () => {
  test.describe.configure({ mode: 'parallel' });
  test.setTimeout(330_000);

  for (const version of ['2020-08-27', Stripe.API_VERSION]) {
    test(`every demo scenario passes with the shop pinned to ${version}`, async () => {
      const run = await runScenarioFilesInChildProcess({
        specFiles: SCENARIOS,
        faults: [],
        eventTimeoutMs: DETECTION_EVENT_TIMEOUT_MS,
        // Each child rehearses its own sandbox, so it keeps its own rate budget (an empty URL: its globalSetup starts
        // one) rather than this run's: two full rehearsals within a minute would exceed the referral platform's share.
        env: { REHEARSAL_TARGET: 'demo', [SHOP_API_VERSION_VARIABLE]: version, REHEARSAL_RATE_BUDGET_URL: '' },
      });

      const outcomes = [...run.setupTests, ...run.tests].map(
        (t) =>
          `${t.title.split(' › ')[0]}: ${t.result.status}${t.result.error ? ` (${plainText(t.result.error.message).split('\n')[0]})` : ''}`,
      );
      expect(
        outcomes.filter((outcome) => !outcome.endsWith(': passed')),
        run.stderrTail,
      ).toEqual([]);
      expect(run.tests, 'four declines, one test of every other scenario').toHaveLength(9);
      expect(run.exitCode).toBe(0);
      const steps = run.flowRecords.flatMap((record) => record.steps.map((step) => ({ flow: record.flow, ...step })));
      expect(
        steps.filter((step) => step.status !== 'passed').map((step) => `${step.flow} ${step.title}: ${step.status}`),
        'no step failed or was skipped',
      ).toEqual([]);

      // The pin took: preflight found the shop's webhook endpoint and the account's events in that version.
      const preflight = run.preflight!;
      expect(preflight.provider.apiVersion).toBe(version);
      const endpoints = preflight.results.find((result) => result.check === 'provider.api-version-endpoints');
      expect(endpoints?.status).toBe('passed');
      expect(
        (endpoints?.evidence as { endpoints: { api_version: string | null }[] }).endpoints.map((endpoint) => endpoint.api_version),
      ).toEqual([version]);
      const events = preflight.results.find((result) => result.check === 'provider.api-version-events');
      expect(events?.status).toBe('passed');
      expect(new Set((events?.evidence as { events: { api_version: string | null }[] }).events.map((event) => event.api_version))).toEqual(
        new Set([version]),
      );
    });
  }
});

test('SANDBOX_SHOP_API_VERSION names a version Stripe released, or is left unset for the SDK’s own', () => {
  expect(shopApiVersionFromEnv({})).toBeUndefined();
  expect(shopApiVersionFromEnv({ [SHOP_API_VERSION_VARIABLE]: ' ' })).toBeUndefined();
  expect(shopApiVersionFromEnv({ [SHOP_API_VERSION_VARIABLE]: ' 2020-08-27 ' })).toBe('2020-08-27');
  for (const wrong of ['2020-8-27', '2020-08-28', 'latest']) {
    expect(() => shopApiVersionFromEnv({ [SHOP_API_VERSION_VARIABLE]: wrong })).toThrow(ShopApiVersionError);
  }
  expect(() => shopApiVersionFromEnv({ [SHOP_API_VERSION_VARIABLE]: '2020-08-28' })).toThrow(
    'SANDBOX_SHOP_API_VERSION 2020-08-28 is not an API version Stripe released: write it as Stripe does, e.g. 2020-08-27 or 2025-03-31.basil.',
  );
});
