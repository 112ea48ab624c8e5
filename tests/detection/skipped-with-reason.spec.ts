import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CHECKLIST } from '../../src/model/checklist/catalogue';
import { decideChecklist } from '../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../src/reporting/signoff/overallVerdict';
import { plainText, runScenarioFilesInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

/** The demo shop without refunds in the shop, cancellations or a test clock (test only). */
const LIMITED_TARGET = path.resolve(import.meta.dirname, '../support/targets/limited-demo');
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test('a target lacking a refund flow, cancellations and a test clock passes with those steps skipped, each with its reason', async () => {
  test.setTimeout(300_000);
  const run = await runScenarioFilesInChildProcess({
    specFiles: ['scenarios/referral-purchase-refund.spec.ts', 'scenarios/subscribe-renew-cancel.spec.ts'],
    faults: [],
    eventTimeoutMs: EVENT_TIMEOUT_MS,
    noDeps: true,
    env: { REHEARSAL_TARGET: LIMITED_TARGET },
  });

  const results = run.tests.map((t) => ({
    title: t.title.split(' › ')[0],
    status: t.result.status,
    error: plainText(t.result.error?.message).split('\n')[0],
  }));
  expect(results, run.stderrTail).toEqual([
    { title: 'scenarios/referral-purchase-refund.spec.ts', status: 'passed', error: '' },
    { title: 'scenarios/subscribe-renew-cancel.spec.ts', status: 'passed', error: '' },
  ]);
  expect(run.exitCode).toBe(0);
  // The report shows each skipped step on its test too (an annotation: "<step> <reason>").
  const annotations = run.tests.flatMap((t) =>
    t.result.annotations.filter((a) => a.type === 'skipped step').map((a) => a.description?.split(' ')[0]),
  );
  expect(annotations.sort()).toEqual(['4.', '4b.', '5.', '6.']);

  const skipped = (flow: string) =>
    run.flowRecords
      .find((record) => record.flow === flow)
      ?.steps.filter((step) => step.status === 'skipped')
      .map((step) => ({ step: step.title.split(' ')[0], reason: step.skipReason, checklist: step.checklist }));

  expect(skipped('referral-purchase-refund'), 'the refund is made at the provider; the shop is not asked').toEqual([
    {
      step: '4b.',
      reason:
        'the harness refunded at the provider itself: the target "limited-demo" refunds at the provider (capabilities.refunds is ' +
        "'provider-api'), and the merchant has no refund page or API whose answer could be checked",
      checklist: ['refund-end-to-end'],
    },
  ]);
  const purchase = run.flowRecords.find((record) => record.flow === 'referral-purchase-refund');
  expect(purchase?.steps.find((step) => step.title.startsWith('4.'))?.title, 'the rest is refunded at the provider').toContain(
    'then the rest at the provider (as support does)',
  );
  expect(
    purchase?.timeline.map((point) => point.label),
    'the harness refunded the rest at the provider',
  ).toContain('refund requested at the provider (as support does)');
  // No silent pass: the harness's own refund is not "a refund from the shop reaches the provider".
  expect(
    purchase?.steps.find((step) => step.title.startsWith('4.'))?.checklist,
    'the refund the harness made decides nothing of the shop',
  ).toEqual(['refund-reverses-commission', 'webhooks-delivered']);
  const refundItem = decideChecklist(CHECKLIST, undefined, run.flowRecords).find((verdict) => verdict.item.id === 'refund-end-to-end')!;
  expect(refundItem).toMatchObject({ status: 'skipped', skipKind: 'target-gap' });
  expect(refundItem.reason).toContain('Not rehearsed: referral-purchase-refund › 4b. The shop shows order');
  expect(refundItem.reason).toContain('was skipped: the harness refunded at the provider itself');
  expect(overallVerdict([refundItem]).kind, 'INCOMPLETE unless the operator skips the item deliberately').toBe('incomplete');
  const skippedDeliberately = decideChecklist(CHECKLIST, undefined, run.flowRecords, { skipItems: ['refund-end-to-end'] }).find(
    (verdict) => verdict.item.id === 'refund-end-to-end',
  )!;
  expect(overallVerdict([skippedDeliberately]).kind).toBe('ready-pending-attestation');

  const noClock =
    'the target "limited-demo" cannot put a customer on a provider test clock (capabilities.testClock is false), so renewals cannot be rehearsed';
  const noCancel = 'the target "limited-demo" does not implement cancelSubscription (its flows.ts)';
  expect(skipped('subscribe-renew-cancel'), 'renewal, cancellation and after-cancellation skipped, each with its reason').toEqual([
    {
      step: '4.',
      reason: noClock,
      checklist: ['subscription-lifecycle', 'webhooks-delivered', 'conversion-and-commission-recorded', 'commission-rule-as-agreed'],
    },
    { step: '5.', reason: noCancel, checklist: ['subscription-lifecycle', 'webhooks-delivered'] },
    { step: '6.', reason: noClock, checklist: ['subscription-lifecycle'] },
  ]);
  for (const record of run.flowRecords) {
    expect(record.status, `${record.flow} passed: a skipped step is not a failure`).toBe('passed');
    expect(
      record.steps.filter((step) => step.status === 'failed'),
      `${record.flow} has no failed step`,
    ).toEqual([]);
  }
});
