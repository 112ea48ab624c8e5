import { test, expect, type TestInfo } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import { EvidenceRecorder } from '../../../../src/run/evidence/evidenceRecorder';
import type { FlowRecord } from '../../../../src/run/evidence/flowRecord';
import { FlowRecorder } from '../../../../src/run/evidence/flowRecorder';
import { flowOutcome, TARGET_GAP_ANNOTATION } from '../../../../src/run/evidence/flowOutcome';
import { flowProgressPath } from '../../../../src/run/evidence/flowProgress';
import { foldFlowProgress } from '../../../../src/run/evidence/foldFlowProgress';
import { writeFlowRecord } from '../../../../src/run/evidence/writeFlowRecord';

const TEST_RUN_ID = 'rh-20261123-174512-abc123';

function recorderIn(testInfo: TestInfo): { flow: FlowRecorder; evidence: EvidenceRecorder; runDir: string } {
  const runDir = testInfo.outputPath('rh-run');
  const flow = new FlowRecorder({ runId: 'rh-run', testRunId: TEST_RUN_ID, runDir });
  return { flow, evidence: new EvidenceRecorder(testInfo, flow), runDir };
}

async function writeAndRead(
  flow: FlowRecorder,
  outcome: FlowRecord['status'],
  error?: string,
): Promise<{ file: string; text: string; record: FlowRecord }> {
  const record = flow.toRecord({
    flow: 'referral-purchase-refund',
    title: 'a referred customer buys',
    file: 'scenarios/referral-purchase-refund.spec.ts',
    outcome: { status: outcome, ...(error ? { error } : {}) },
  });
  const file = await writeFlowRecord(flow.runDir, record);
  const text = await readFile(file, 'utf8');
  return { file, text, record: JSON.parse(text) as FlowRecord };
}

test('writes the flow record with each step, its checklist items and status, for a passed and a failed step', async ({}, testInfo) => {
  const { flow, evidence, runDir } = recorderIn(testInfo);
  const value = await evidence.step('1. Open the referral link', async () => 'clk_1', { checklist: ['referral-click-tracked'] });
  expect(value).toBe('clk_1');
  const failure = await evidence
    .step(
      '2. Pay',
      async () => {
        throw new Error('Expected the charge to be 2000 usd, but it is 200000 usd.\nmore detail');
      },
      {
        checklist: ['payment-end-to-end', 'webhooks-delivered', 'payment-end-to-end'],
      },
    )
    .catch((error: unknown) => error);
  expect((failure as Error).message).toContain('200000 usd');

  const { file, record } = await writeAndRead(flow, 'failed', 'Expected the charge to be 2000 usd, but it is 200000 usd.');
  expect(file).toBe(path.join(runDir, 'evidence', 'flows', `referral-purchase-refund--${TEST_RUN_ID}.json`));
  expect(await readdir(path.dirname(file)), 'written atomically: no .partial file is left').toEqual([path.basename(file)]);
  expect(record).toMatchObject({
    runId: 'rh-run',
    testRunId: TEST_RUN_ID,
    flow: 'referral-purchase-refund',
    file: 'scenarios/referral-purchase-refund.spec.ts',
    status: 'failed',
    error: 'Expected the charge to be 2000 usd, but it is 200000 usd.',
    timeline: [],
    screenshots: [],
    providerRequests: [],
  });
  expect(record.steps.map(({ title, status, checklist, error }) => ({ title, status, checklist, error }))).toEqual([
    { title: '1. Open the referral link', status: 'passed', checklist: ['referral-click-tracked'], error: undefined },
    {
      title: '2. Pay',
      status: 'failed',
      checklist: ['payment-end-to-end', 'webhooks-delivered'],
      error: 'Expected the charge to be 2000 usd, but it is 200000 usd.',
    },
  ]);
  for (const step of record.steps) {
    expect(step.endedAt).toBeGreaterThanOrEqual(step.startedAt);
    expect(step.startedAt).toBeGreaterThanOrEqual(record.startedAt);
  }
});

test('a checklist id that is not on the checklist throws before the step runs', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  let ran = false;
  const error = await evidence
    .step(
      '3. Conversion',
      async () => {
        ran = true;
      },
      { checklist: ['conversion-and-comission-recorded' as ChecklistItemId] },
    ) // a typo the types would refuse
    .catch((e: unknown) => e);
  expect((error as Error).message).toContain('Unknown checklist item "conversion-and-comission-recorded"');
  expect(ran).toBe(false);
  expect(flow.toRecord({ flow: 'f', title: 't', file: 'f.ts', outcome: { status: 'failed' } }).steps).toEqual([]);
});

test('records a skipped step with its reason and checklist items', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  await evidence.skippedStep('4. Renewal', 'live mode: no test clocks', { checklist: ['subscription-lifecycle'] });
  const [step] = flow.toRecord({ flow: 'f', title: 't', file: 'f.ts', outcome: { status: 'passed' } }).steps;
  expect(step).toMatchObject({
    title: '4. Renewal',
    status: 'skipped',
    checklist: ['subscription-lifecycle'],
    skipReason: 'live mode: no test clocks',
  });
});

test('marks a skipped step the target cannot perform as a target gap; any other skip is an exemption', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  await evidence.skippedStep('5. Cancel', 'the target "x" does not implement cancelSubscription (its flows.ts)', {
    checklist: ['subscription-lifecycle'],
    targetGap: true,
  });
  await evidence.skippedStep('4. Renewal', 'live mode: no test clocks', { checklist: ['subscription-lifecycle'] });
  const { record } = await writeAndRead(flow, 'passed');
  expect(record.steps.map((step) => ({ title: step.title, skipKind: step.skipKind }))).toEqual([
    { title: '5. Cancel', skipKind: 'target-gap' },
    { title: '4. Renewal', skipKind: undefined },
  ]);
  expect(record.steps[1]).not.toHaveProperty('skipKind');
});

test('writes screenshots to the run directory and lists them with the step they were taken in', async ({ page }, testInfo) => {
  const { flow, evidence, runDir } = recorderIn(testInfo);
  await page.setContent('<input name="cardNumber" value="4242 4242 4242 4242"><p>Pay</p>');
  await evidence.step('2. Pay', async () => {
    await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: [page.locator('input[name=cardNumber]')] });
  });
  await evidence.attachScreenshot(page, 'after the flow');

  const { record } = await writeAndRead(flow, 'passed');
  expect(record.screenshots).toEqual([
    {
      name: 'payment page (card fields masked)',
      file: `evidence/screenshots/${TEST_RUN_ID}-01-payment-page-card-fields-masked.jpg`,
      step: '2. Pay',
    },
    { name: 'after the flow', file: `evidence/screenshots/${TEST_RUN_ID}-02-after-the-flow.jpg` },
  ]);
  for (const screenshot of record.screenshots) {
    const jpeg = await readFile(path.join(runDir, screenshot.file));
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG's start-of-image marker
  }
  expect(testInfo.attachments.filter((a) => a.contentType === 'image/jpeg').map((a) => a.name)).toEqual([
    'payment page (card fields masked)',
    'after the flow',
  ]);
});

test('redacts a secret key and a card number in an error message before the record is written', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  const secret = 'sk_test_51FlowRecordSecret0000';
  await evidence
    .step(
      '2. Pay',
      async () => {
        throw new Error(`The provider refused ${secret} for card 4242 4242 4242 4242`);
      },
      { checklist: ['payment-end-to-end'] },
    )
    .catch(() => undefined);
  const { text, record } = await writeAndRead(flow, 'failed', `card 4242424242424242 with ${secret}`);
  expect(text).not.toContain(secret);
  expect(text).not.toContain('4242 4242 4242 4242');
  expect(text).not.toContain('4242424242424242');
  expect(record.steps[0]?.error).toBe('The provider refused [redacted] for card [redacted]');
  expect(record.error).toBe('card [redacted] with [redacted]');
});

test('keeps the timeline in time order; within a second known only to the second, in the order recorded', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  const second = 1_790_000_000; // unix seconds
  evidence.timeline({ lane: 'browser', label: 'payment submitted', at: second * 1000 + 600, precision: 'ms' });
  evidence.timeline({ lane: 'provider', label: 'checkout.session.completed', at: second * 1000, precision: 's', objectId: 'cs_1' });
  evidence.timeline({ lane: 'webhook', label: 'delivered', at: second * 1000, precision: 's', objectId: 'cs_1' });
  evidence.timeline({ lane: 'browser', label: 'referral link opened', at: (second - 5) * 1000 + 900, precision: 'ms' });
  evidence.timeline({ lane: 'referral', label: 'commission reversed', at: (second + 9) * 1000, precision: 's' });
  evidence.timeline({ lane: 'webhook', label: 'commission.refunded reached the harness', at: (second + 8) * 1000 + 700, precision: 'ms' });
  evidence.timeline({ lane: 'browser', label: 'refund requested', at: (second + 8) * 1000 + 100, precision: 'ms' });
  evidence.timeline({ lane: 'provider', label: 'no time', at: Number.NaN, precision: 's' });

  const { record } = await writeAndRead(flow, 'passed');
  expect(record.timeline.map((point) => point.label)).toEqual([
    'referral link opened',
    'payment submitted',
    'checkout.session.completed',
    'delivered',
    'refund requested',
    'commission.refunded reached the harness',
    'commission reversed',
  ]);
  expect(record.timeline[2]).toEqual({
    lane: 'provider',
    label: 'checkout.session.completed',
    at: second * 1000,
    precision: 's',
    objectId: 'cs_1',
  });
});

test("reads the test's outcome: skip reason, first error line", () => {
  expect(
    flowOutcome({ status: 'skipped', annotations: [{ type: 'skip', description: 'live mode: test cards refused' }], errors: [] }),
  ).toEqual({
    status: 'skipped',
    skipReason: 'live mode: test cards refused',
  });
  expect(
    flowOutcome({
      status: 'failed',
      annotations: [],
      errors: [{ message: 'Error: the commission is the rule applied\n\nExpected: 400\nReceived: 200' }],
    }),
  ).toEqual({ status: 'failed', error: 'the commission is the rule applied (Expected: 400, Received: 200)' });
  expect(flowOutcome({ status: 'passed', annotations: [], errors: [] })).toEqual({ status: 'passed' });
});

test("a test skipped with the 'target gap' annotation is recorded as a target gap; one without it as an exemption", ({}, testInfo) => {
  const gap = flowOutcome({
    status: 'skipped',
    annotations: [
      { type: TARGET_GAP_ANNOTATION, description: 'not rehearsed' },
      { type: 'skip', description: 'the target "x" declares no subscription plan' },
    ],
    errors: [],
  });
  expect(gap).toEqual({ status: 'skipped', skipReason: 'the target "x" declares no subscription plan', skipKind: 'target-gap' });
  const live = flowOutcome({
    status: 'skipped',
    annotations: [{ type: 'skip', description: 'live mode: test cards refused' }],
    errors: [],
  });
  expect(live).not.toHaveProperty('skipKind');
  // Only a skipped test is a skip: the annotation on a test that ran marks nothing.
  expect(flowOutcome({ status: 'passed', annotations: [{ type: TARGET_GAP_ANNOTATION }], errors: [] })).toEqual({ status: 'passed' });

  const { flow } = recorderIn(testInfo);
  const record = flow.toRecord({ flow: 'subscribe-renew-cancel', title: 't', file: 'f.ts', outcome: gap });
  expect(record).toMatchObject({ status: 'skipped', skipReason: 'the target "x" declares no subscription plan', skipKind: 'target-gap' });
});

test('a step still open when the test ends is recorded as failed', ({}, testInfo) => {
  const { flow } = recorderIn(testInfo);
  flow.beginStep('5. Cancel', ['subscription-lifecycle']);
  const record = flow.toRecord({ flow: 'f', title: 't', file: 'f.ts', outcome: { status: 'timedOut' }, endedAt: Date.now() });
  expect(record.steps[0]).toMatchObject({ status: 'failed', error: 'the step did not finish: the test ended (timedOut)' });
});

test('a started flow journals its progress as it goes: killed in step 2, it still reads "step 1 passed, interrupted during step 2"; the record replaces the journal', async ({}, testInfo) => {
  const { flow, evidence, runDir } = recorderIn(testInfo);
  const journal = flowProgressPath(runDir, TEST_RUN_ID);
  flow.start({ flow: 'referral-purchase-refund', title: 'a referred customer buys', file: 'scenarios/referral-purchase-refund.spec.ts' });
  expect(
    (await readFile(journal, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).kind),
    'on disk before any step',
  ).toEqual(['started']);

  await evidence.step('1. Open the referral link', async () => undefined, { checklist: ['referral-click-tracked'] });
  flow.beginStep('2. Pay with 4242 4242 4242 4242', ['payment-end-to-end']); // never ends: the worker is killed here
  flow.screenshot({
    name: 'payment page',
    file: `evidence/screenshots/${TEST_RUN_ID}-01-payment-page.jpg`,
    step: '2. Pay with 4242 4242 4242 4242',
  });
  flow.providerRequest({
    method: 'GET',
    path: '/v1/checkout/sessions/cs_1',
    status: 200,
    requestId: 'req_1',
    at: Date.now(),
    elapsedMs: 12,
  });

  const text = await readFile(journal, 'utf8');
  expect(text, 'redacted like the record').not.toContain('4242 4242 4242 4242');
  const progress = foldFlowProgress(text);
  expect(progress).toMatchObject({
    testRunId: TEST_RUN_ID,
    flow: 'referral-purchase-refund',
    status: 'interrupted',
    interruptedDuring: '2. Pay with [redacted]',
    screenshots: [{ name: 'payment page', file: `evidence/screenshots/${TEST_RUN_ID}-01-payment-page.jpg` }],
    providerRequests: [{ path: '/v1/checkout/sessions/cs_1', requestId: 'req_1' }],
  });
  expect(progress!.steps.map((step) => [step.title, step.status])).toEqual([
    ['1. Open the referral link', 'passed'],
    ['2. Pay with [redacted]', 'interrupted'],
  ]);
  expect(foldFlowProgress(`${text}{"kind":"step","ind`), 'a last line cut by the kill is skipped').toEqual(progress);

  await writeAndRead(flow, 'failed');
  expect(existsSync(journal), 'the record replaces the journal').toBe(false);
  flow.providerRequest({ method: 'GET', path: '/v1/charges', status: 200, requestId: 'req_2', at: Date.now(), elapsedMs: 3 }); // the cleanup fixture, after
  expect(existsSync(journal), 'what follows the record does not bring the journal back').toBe(false);
});

test('a test interrupted (Ctrl-C) during a step records that step as interrupted, not failed; an earlier failure stays a failure', ({}, testInfo) => {
  const { flow } = recorderIn(testInfo);
  flow.beginStep('1. Caught failure', ['referral-click-tracked']).failed(new Error('the click was not tracked'));
  flow.beginStep('2. Pay', ['payment-end-to-end']).passed();
  flow.beginStep('3. Refund', ['refund-end-to-end']); // still open when the test is interrupted
  const record = flow.toRecord({ flow: 'f', title: 't', file: 'f.ts', outcome: { status: 'interrupted' } });
  expect(record.interruptedDuring).toBe('3. Refund');
  expect(record.steps.map((step) => step.status)).toEqual(['failed', 'passed', 'interrupted']);
  expect(record.steps[2]!.error).toBe('the test was interrupted during this step');

  // The page closed under a step by the interruption makes it fail: that failure is the interruption's, not the integration's.
  const { flow: closed } = recorderIn(testInfo);
  closed.beginStep('1. Pay', ['payment-end-to-end']).passed();
  closed.beginStep('2. Refund', ['refund-end-to-end']).failed(new Error('Target page, context or browser has been closed'));
  const after = closed.toRecord({ flow: 'f', title: 't', file: 'f.ts', outcome: { status: 'interrupted' } });
  expect(after.steps.map((step) => step.status)).toEqual(['passed', 'interrupted']);
  expect(after.steps[1]!.error).toBe('the test was interrupted during this step (then: Target page, context or browser has been closed)');
});
