import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CHECKLIST } from '../../src/model/checklist/catalogue';
import { decideChecklist } from '../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../src/reporting/signoff/overallVerdict';
import { NO_REFERRAL_PROGRAMME } from '../../src/model/target/referralProgramme';
import { runScenarioFilesInChildProcess } from './runScenarioInChildProcess';
import { ALL_SCENARIO_FILES } from '../support/scenarioFiles';

/** The demo shop as a payment-only go-live: capabilities.referralProgramme is false (test only). */
const PAYMENT_ONLY_TARGET = path.resolve(import.meta.dirname, '../support/targets/payment-only-demo');
const SCENARIOS = [...ALL_SCENARIO_FILES];
const REFERRAL_ITEMS = CHECKLIST.filter((item) => item.referralProgramme).map((item) => item.id);

test('a merchant without a referral programme is rehearsed: referral steps skipped with the reason, payment steps run, READY for what was rehearsed', async () => {
  test.setTimeout(330_000);
  const run = await runScenarioFilesInChildProcess({
    specFiles: SCENARIOS,
    faults: [],
    eventTimeoutMs: 5_000,
    env: { REHEARSAL_TARGET: PAYMENT_ONLY_TARGET },
  });

  const outcomes = [...run.setupTests, ...run.tests].map(
    (t) => `${t.title.split(' › ')[0]}: ${t.result.status}${t.result.error ? ` (${t.result.error.message?.split('\n')[0]})` : ''}`,
  );
  expect(
    outcomes.filter((outcome) => !outcome.endsWith(': passed')),
    run.stderrTail,
  ).toEqual([]);
  expect(run.tests).toHaveLength(9); // four declines, one test of every other scenario
  expect(run.exitCode).toBe(0);

  // Every step that would ask the referral platform was skipped, with the reason, never run.
  const steps = run.flowRecords.flatMap((record) => record.steps.map((step) => ({ flow: record.flow, ...step })));
  const referralSteps = steps.filter((step) => step.status === 'skipped' && step.skipReason === NO_REFERRAL_PROGRAMME);
  expect(referralSteps.map((step) => `${step.flow} ${step.title.split(' ')[0]}`).sort()).toEqual(
    [
      'referral-purchase-refund 1.',
      'referral-purchase-refund 3.',
      'referral-purchase-refund 4c.',
      'subscribe-renew-cancel 1.',
      'subscribe-renew-cancel 3.',
      'subscribe-renew-cancel 4b.',
      'subscribe-renew-cancel 6b.',
      ...Array(4).fill(['declines 1.', 'declines 4b.']).flat(),
      'duplicate-submit 1.',
      'duplicate-submit 5b.',
      'zero-decimal-purchase 1.',
      'zero-decimal-purchase 3.',
      'zero-decimal-purchase 4c.',
      'webhook-resilience 2.',
      'webhook-resilience 4.',
      'webhook-resilience 5c.',
    ].sort(),
  );
  expect(
    referralSteps.every((step) => step.skipKind === undefined),
    'not a target gap: the referral steps do not apply',
  ).toBe(true);
  expect(
    steps.filter((step) => step.status === 'passed' && step.checklist.some((id) => REFERRAL_ITEMS.includes(id))),
    'no referral item was decided by a step that ran',
  ).toEqual([]);
  // Every payment step ran and passed: buy, refunds, subscription, declines, duplicate submits, webhooks.
  const purchase = run.flowRecords.find((record) => record.flow === 'referral-purchase-refund')!;
  expect(purchase.steps.filter((step) => step.status === 'passed').map((step) => step.title.split(' ')[0])).toEqual(['2.', '4.']);
  expect(steps.filter((step) => step.status === 'failed')).toEqual([]);

  const preflight = run.preflight!;
  for (const check of ['referral.snippet-key', 'referral.commission-rule']) {
    expect(
      preflight.results.find((result) => result.check === check),
      check,
    ).toMatchObject({
      status: 'skipped',
      summary: `Not checked: not in this rehearsal: ${NO_REFERRAL_PROGRAMME}.`,
    });
  }

  const items = decideChecklist(CHECKLIST, preflight, run.flowRecords);
  for (const id of REFERRAL_ITEMS) {
    expect(
      items.find((verdict) => verdict.item.id === id),
      id,
    ).toMatchObject({
      status: 'skipped',
      skipKind: 'with-reason',
      reason: `Not in this rehearsal: ${NO_REFERRAL_PROGRAMME}.`,
    });
  }
  const verdict = overallVerdict(items);
  const undecided = items.filter((item) => item.status === 'failed' || (item.status === 'skipped' && item.skipKind !== 'with-reason'));
  expect(undecided.map((item) => `${item.item.id}: ${item.reason}`)).toEqual([]);
  expect(verdict.kind).toBe('ready-pending-attestation');
});
