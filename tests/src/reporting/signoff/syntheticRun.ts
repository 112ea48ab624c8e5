import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKLIST } from '../../../../src/model/checklist/catalogue';
import type { CheckId, CheckResult, ChecklistItemId, PreflightReport } from '../../../../src/model/checklist/types';
import type { FlowRecord, StepRecord } from '../../../../src/run/evidence/flowRecord';
import { flowProgressPath, type FlowProgressLine } from '../../../../src/run/evidence/flowProgress';
import { outOfScope } from '../../../../src/model/checklist/rehearsalScope';

/** A 1×1 PNG: enough for the sign-off to embed as a data: URI. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Built at run time, so no file of the project holds a secret-shaped literal. */
export const LEAKED_KEY = ['sk', 'test', '51LeakedIntoAnErrorMessage000'].join('_');

export const RUN_ID = 'rh-20261123-174512-a1b2c3';
/** Who ran the synthetic run, on what, from which commit: what `buildSignoff` takes besides the folder and the times. */
export const SYNTHETIC_RUN_FACTS = {
  runId: RUN_ID,
  mode: 'test',
  target: 'demo',
  operator: 'Ada Operator',
  gitCommit: '0123456789abcdef0123456789abcdef01234567',
} as const;
const T0 = Date.UTC(2026, 10, 23, 17, 45, 12, 345);

/**
 * An id of a made-up catalogue or check table, for tests that decide items the real checklist does not have (a
 * warning item, a check named `check.a`): the types admit only real ids.
 */
export function syntheticId<Id extends ChecklistItemId | CheckId>(id: string): Id {
  return id as Id;
}

export function checkResult(check: CheckId, item: ChecklistItemId, status: CheckResult['status'], summary: string): CheckResult {
  return { check, item, status, summary, details: [], startedAt: T0, durationMs: 120 };
}

/** Passed, failed, warning and skipped results; the browser, merchant-webhook and referral checks did not run. */
/**
 * A run on Dress Rehearsal's own referral API leaves Rewardful's and Dub's own go-live items out: every record of it says
 * so (runPreflight's report, and each flow record as the evidence fixture starts it).
 */
export const OWN_PLATFORM_SCOPE = outOfScope({ capabilities: {} });

export function syntheticPreflight(): PreflightReport {
  return {
    outOfScope: OWN_PLATFORM_SCOPE,
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    provider: {
      apiBase: 'http://127.0.0.1:12111',
      apiVersion: '2025-09-30.clover',
      account: { id: 'acct_1DressRehearsal', displayName: 'Dress Rehearsal sandbox' },
    },
    startedAt: T0,
    endedAt: T0 + 4_000,
    results: [
      checkResult('keys.authenticate', 'keys-valid-for-mode', 'passed', 'Both secret keys answer.'),
      checkResult('keys.mode', 'keys-valid-for-mode', 'passed', 'Every key is a test key.'),
      checkResult(
        'provider.api-version-endpoints',
        'api-version-pinned',
        'failed',
        'Endpoint we_123 (https://shop.example/webhooks) is not pinned to an API version: set api_version 2025-09-30.clover.',
      ),
      checkResult('provider.api-version-events', 'api-version-pinned', 'passed', 'The latest 20 events are in 2025-09-30.clover.'),
      checkResult('provider.request-ids', 'request-ids-logged', 'passed', 'GET /v1/account answered with a Request-Id.'),
      checkResult(
        'webhooks.endpoints-registered',
        'webhook-endpoints-registered',
        'warning',
        'Both endpoints are registered; the shop endpoint also receives 40 events it does not need.',
      ),
      checkResult('webhooks.endpoints-https', 'webhook-endpoints-https', 'skipped', 'Test mode: HTTPS is required of live endpoints only.'),
      checkResult('provider.catalogue', 'catalogue-in-mode', 'passed', 'Every catalogue price exists in test mode.'),
      checkResult('provider.catalogue', 'amounts-in-minor-units', 'passed', 'The JPY price is 1500 yen.'),
    ],
  };
}

export function purchaseFlow(): FlowRecord {
  const step = (title: string, offset: number, checklist: ChecklistItemId[]) => ({
    title,
    status: 'passed' as const,
    startedAt: T0 + offset,
    endedAt: T0 + offset + 900,
    checklist,
  });
  return {
    runId: RUN_ID,
    testRunId: 'rh-20261123-174512-a1b2c3-w0-1',
    outOfScope: OWN_PLATFORM_SCOPE,
    flow: 'referral-purchase-refund',
    title: 'a referred purchase earns a commission that a refund reverses',
    file: 'scenarios/referral-purchase-refund.spec.ts',
    status: 'passed',
    startedAt: T0 + 5_000,
    endedAt: T0 + 25_000,
    steps: [
      step('open the referral link', 5_000, ['referral-click-tracked']),
      step('pay on the hosted checkout page', 7_000, ['payment-end-to-end']),
      step('the referral platform records a conversion and commission', 10_000, [
        'conversion-and-commission-recorded',
        'commission-rule-as-agreed',
        'webhooks-delivered',
      ]),
      step('refund from the shop admin', 14_000, ['refund-end-to-end', 'refund-reverses-commission']),
    ],
    timeline: [
      { lane: 'browser', label: 'referral link opened', at: T0 + 5_100, precision: 'ms' },
      { lane: 'referral', label: 'click recorded', at: T0 + 5_400, precision: 'ms', objectId: 'clk_123' },
      { lane: 'browser', label: 'Pay clicked on the hosted page', at: T0 + 7_600, precision: 'ms' },
      { lane: 'provider', label: 'checkout.session.completed', at: T0 + 9_000, precision: 's', objectId: 'evt_123' },
      { lane: 'webhook', label: 'delivered to the shop', at: T0 + 9_400, precision: 'ms' },
      { lane: 'referral', label: 'conversion created', at: T0 + 10_800, precision: 'ms', objectId: 'conv_123' },
    ],
    screenshots: [
      {
        name: 'order paid',
        file: 'evidence/screenshots/rh-20261123-174512-a1b2c3-w0-1-01-order-paid.png',
        step: 'pay on the hosted checkout page',
      },
    ],
    providerRequests: [
      { method: 'POST', path: '/v1/refunds', status: 200, requestId: 'req_abc', at: T0 + 14_100, elapsedMs: 80 },
      { method: 'GET', path: '/v1/checkout/sessions/cs_test_123', status: 200, at: T0 + 8_000, elapsedMs: 40 },
    ],
  };
}

export function skippedDeclinesFlow(): FlowRecord {
  return {
    runId: RUN_ID,
    testRunId: 'rh-20261123-174512-a1b2c3-w1-1',
    outOfScope: OWN_PLATFORM_SCOPE,
    flow: 'declines',
    title: 'a declined card shows a clear message and charges nothing',
    file: 'scenarios/declines.spec.ts',
    status: 'skipped',
    skipReason: "Live mode: declines need the provider's test cards",
    startedAt: T0 + 5_000,
    endedAt: T0 + 5_010,
    steps: [],
    timeline: [],
    screenshots: [],
    providerRequests: [],
  };
}

/** Every check of every item passed, but HTTPS of live endpoints, skipped in a test run (an exemption). */
export function passingPreflight(): PreflightReport {
  const results = CHECKLIST.filter((item) => item.platform === undefined || item.platform === 'dress-rehearsal').flatMap((item) =>
    (item.checks ?? []).map((check) =>
      check === 'webhooks.endpoints-https'
        ? checkResult(check, item.id, 'skipped', 'Test mode: HTTPS is required of live endpoints only.')
        : checkResult(check, item.id, 'passed', `${check} passed.`),
    ),
  );
  return { ...syntheticPreflight(), results };
}

/**
 * A test of `flow` skipped as a whole with `reason`; `targetGap` as `skipTestForTargetGap` marks it (the target cannot
 * run it), else an exemption (as live mode skips it).
 */
export function skippedFlow(flow: string, testRunId: string, reason: string, options: { targetGap?: boolean } = {}): FlowRecord {
  return {
    runId: RUN_ID,
    testRunId,
    outOfScope: OWN_PLATFORM_SCOPE,
    flow,
    title: `${flow} (${testRunId})`,
    file: `scenarios/${flow}.spec.ts`,
    status: 'skipped',
    skipReason: reason,
    ...(options.targetGap ? { skipKind: 'target-gap' as const } : {}),
    startedAt: T0 + 5_000,
    endedAt: T0 + 5_010,
    steps: [],
    timeline: [],
    screenshots: [],
    providerRequests: [],
  };
}

/** A passed flow with the given steps (each request carrying a request id). */
export function passedFlow(flow: string, testRunId: string, steps: StepRecord[]): FlowRecord {
  return {
    runId: RUN_ID,
    testRunId,
    outOfScope: OWN_PLATFORM_SCOPE,
    flow,
    title: `${flow} (${testRunId})`,
    file: `scenarios/${flow}.spec.ts`,
    status: 'passed',
    startedAt: T0 + 30_000,
    endedAt: T0 + 40_000,
    steps,
    timeline: [],
    screenshots: [],
    providerRequests: [{ method: 'POST', path: '/v1/refunds', status: 200, requestId: 'req_def', at: T0 + 31_000, elapsedMs: 60 }],
  };
}

/** A step of a synthetic flow record: passed unless `skipped` gives its reason (and whether the target lacked it). */
export function syntheticStep(title: string, checklist: ChecklistItemId[], skipped?: { reason: string; targetGap?: boolean }): StepRecord {
  const at = T0 + 31_000;
  if (!skipped) return { title, status: 'passed', startedAt: at, endedAt: at + 500, checklist };
  return {
    title,
    status: 'skipped',
    startedAt: at,
    endedAt: at,
    checklist,
    skipReason: skipped.reason,
    ...(skipped.targetGap ? { skipKind: 'target-gap' as const } : {}),
  };
}

/** Writes preflight.json, the flow records and the screenshot as the harness lays them out in a run directory. */
export async function writeSyntheticRun(
  runDir: string,
  flows: FlowRecord[] = [purchaseFlow(), skippedDeclinesFlow()],
  preflight: PreflightReport | undefined = syntheticPreflight(),
): Promise<void> {
  await mkdir(path.join(runDir, 'evidence', 'flows'), { recursive: true });
  await mkdir(path.join(runDir, 'evidence', 'screenshots'), { recursive: true });
  if (preflight) await writeFile(path.join(runDir, 'evidence', 'preflight.json'), JSON.stringify(preflight, null, 2));
  for (const flow of flows) {
    await writeFile(path.join(runDir, 'evidence', 'flows', `${flow.flow}--${flow.testRunId}.json`), JSON.stringify(flow, null, 2));
    for (const shot of flow.screenshots) await writeFile(path.join(runDir, shot.file), TINY_PNG);
  }
}

/** Every flow some checklist item names, each passed with one step per item it decides: with passingPreflight(), READY. */
export function completeFlows(): FlowRecord[] {
  const flows = [...new Set(CHECKLIST.flatMap((item) => item.flows ?? []))].sort();
  return flows.map((flow, index) =>
    passedFlow(
      flow,
      `${RUN_ID}-w0-${index + 10}`,
      CHECKLIST.filter((item) => item.flows?.includes(flow)).map((item) => syntheticStep(`${flow}: ${item.title}`, [item.id])),
    ),
  );
}

/** The test whose worker was killed in `interruptedPurchaseProgress`. */
export const INTERRUPTED_TEST_RUN_ID = `${RUN_ID}-w2-1`;
/** Its payment-page screenshot, written during step 2 (the step it was killed in). */
export const INTERRUPTED_PAYMENT_SHOT = `evidence/screenshots/${INTERRUPTED_TEST_RUN_ID}-01-payment-page-card-fields-masked.jpg`;

/**
 * The progress journal of a referral purchase whose worker was killed while paying: started, step 1 passed, step 2
 * begun (its screenshot taken) and never ended; no flow record.
 */
export function interruptedPurchaseProgress(): FlowProgressLine[] {
  const at = T0 + 50_000;
  const step1: StepRecord = {
    title: '1. Open the referral link',
    status: 'passed',
    startedAt: at + 100,
    endedAt: at + 900,
    checklist: ['referral-click-tracked'],
  };
  const step2: StepRecord = {
    title: '2. Pay on the hosted checkout page',
    status: 'passed',
    startedAt: at + 1_000,
    endedAt: 0,
    checklist: ['payment-end-to-end'],
  };
  return [
    {
      kind: 'started',
      runId: RUN_ID,
      testRunId: INTERRUPTED_TEST_RUN_ID,
      outOfScope: OWN_PLATFORM_SCOPE,
      flow: 'referral-purchase-refund',
      title: 'a referred customer buys, then is refunded',
      file: 'scenarios/referral-purchase-refund.spec.ts',
      at,
    },
    { kind: 'step', index: 0, step: { ...step1, endedAt: 0 } },
    { kind: 'timeline', point: { lane: 'browser', label: 'referral link opened', at: at + 200, precision: 'ms' } },
    { kind: 'step', index: 0, step: step1 },
    { kind: 'step', index: 1, step: step2 },
    {
      kind: 'provider-request',
      request: { method: 'GET', path: '/v1/checkout/sessions/cs_test_1', status: 200, requestId: 'req_1', at: at + 1_500, elapsedMs: 30 },
    },
    {
      kind: 'screenshot',
      screenshot: { name: 'payment page (card fields masked)', file: INTERRUPTED_PAYMENT_SHOT, step: step2.title },
      at: at + 2_000,
    },
  ];
}

/** Writes a test's progress journal as FlowProgressJournal lays it out, and the screenshots it lists. */
export async function writeProgressJournal(runDir: string, lines: FlowProgressLine[]): Promise<void> {
  const started = lines.find((line) => line.kind === 'started');
  if (!started || started.kind !== 'started') throw new Error('a progress journal starts with its "started" line');
  const file = flowProgressPath(runDir, started.testRunId);
  await mkdir(path.dirname(file), { recursive: true });
  await mkdir(path.join(runDir, 'evidence', 'screenshots'), { recursive: true });
  await writeFile(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  for (const line of lines) if (line.kind === 'screenshot') await writeFile(path.join(runDir, line.screenshot.file), TINY_PNG);
}
