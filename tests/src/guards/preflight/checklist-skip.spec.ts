import { test, expect } from '@playwright/test';
import { checklistItem, type ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import type { CheckId } from '../../../../src/model/checklist/checkIds';
import {
  blockingFailures,
  formatPreflightLines,
  runPreflight,
  type PreflightCheck,
  type PreflightOptions,
} from '../../../../src/guards/preflight/index';
import type { ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import type { Target, TargetEnvironment } from '../../../../src/model/target/contract';

// Nothing here talks to a network: the checks are the test's own.
const TARGET = {
  name: 'synthetic',
  capabilities: { paymentForm: 'hosted-checkout', refunds: 'merchant-admin-ui', testClock: false },
  goLive: { apiVersion: '2026-10-28.endive', customerPages: [] },
} as unknown as Target;
const ENVIRONMENT: TargetEnvironment = {
  merchant: { baseUrl: 'http://127.0.0.1:9' },
  provider: { apiBase: 'http://127.0.0.1:9', secretKey: 'sk_test_synthetic_0000', publishableKey: 'pk_test_synthetic_0000' },
  referral: { apiBase: 'http://127.0.0.1:9', secretKey: 'sk_test_synthetic_referral', publishableKey: 'pk_test_synthetic_referral' },
  requiredWebhookEndpoints: [],
  release: async () => {},
};

/** A check that records that it ran and fails every item it decides. */
function failingCheck(id: CheckId, item: ChecklistItemId | ChecklistItemId[], ran: string[]): PreflightCheck {
  return {
    id,
    item,
    async run() {
      ran.push(id);
      const items = typeof item === 'string' ? [item] : item;
      return items.map((one) => ({ status: 'failed' as const, summary: `${one} is broken.`, item: one }));
    },
  };
}

/** Preflight of the synthetic target in test mode with only these checks (and any other options given). */
function preflightWith(checks: PreflightCheck[], options: Pick<PreflightOptions, 'skipItems' | 'referral'> = {}) {
  return runPreflight({ target: TARGET, environment: ENVIRONMENT, mode: 'test', runId: 'rh-skip', checks, ...options });
}

test('does not run a check whose items are all skipped, and reports each skipped with the reason', async () => {
  const ran: string[] = [];
  const report = await preflightWith(
    [failingCheck('keys.mode', 'keys-valid-for-mode', ran), failingCheck('webhooks.endpoints-https', 'webhook-endpoints-https', ran)],
    { skipItems: ['webhook-endpoints-https'] },
  );
  expect(ran).toEqual(['keys.mode']);
  expect(report.results.map(({ check, item, status, summary }) => ({ check, item, status, summary }))).toEqual([
    { check: 'keys.mode', item: 'keys-valid-for-mode', status: 'failed', summary: 'keys-valid-for-mode is broken.' },
    {
      check: 'webhooks.endpoints-https',
      item: 'webhook-endpoints-https',
      status: 'skipped',
      summary: "Not checked: not in this rehearsal's checklist (rehearsal.config.ts).",
    },
  ]);
  expect(blockingFailures(report).map((result) => result.item)).toEqual(['keys-valid-for-mode']);
  expect(formatPreflightLines(report)).toContain(
    `– ${checklistItem('webhook-endpoints-https').title} — Not checked: not in this rehearsal's checklist (rehearsal.config.ts).`,
  );
});

test('a check deciding a skipped and a kept item runs, and keeps only the kept outcome', async () => {
  const ran: string[] = [];
  const report = await preflightWith([failingCheck('provider.catalogue', ['catalogue-in-mode', 'amounts-in-minor-units'], ran)], {
    skipItems: ['amounts-in-minor-units'],
  });
  expect(ran).toEqual(['provider.catalogue']);
  expect(report.results.map(({ item, status }) => ({ item, status }))).toEqual([
    { item: 'catalogue-in-mode', status: 'failed' },
    { item: 'amounts-in-minor-units', status: 'skipped' },
  ]);
});

test("gives every check the referral platform it is handed (rehearsal.config.ts's or the target's)", async () => {
  const platform = { retrieveProgram: async (id: string) => ({ id }) } as unknown as ReferralPlatform;
  let seen: unknown;
  const check: PreflightCheck = {
    id: 'referral.commission-rule',
    item: 'commission-rule-as-agreed',
    async run(context) {
      seen = context.referral;
      return { status: 'passed', summary: 'ok' };
    },
  };
  await preflightWith([check], { referral: platform });
  expect(seen).toBe(platform);
});
