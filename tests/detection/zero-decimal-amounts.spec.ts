import { expect, test } from '@playwright/test';
import { checklistItem } from '../../src/model/checklist/catalogue';
import { plainText, runScenarioFilesInChildProcess, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/zero-decimal-purchase.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe.configure({ mode: 'parallel' });

test.describe('the zero-decimal-purchase rehearsal', () => {
  test.setTimeout(180_000);

  test('fails at step 2 naming 150,000 JPY against 1,500 JPY when the shop prices yen as cents (preflight skipped)', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['shop.jpy-scaled-by-100'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
      noDeps: true,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'the click is recorded (step 1) and the payment (step 2) fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: true },
    ]);
    const message = plainText(run.checklist[1]?.error?.message);
    expect(message, 'the failure names the catalogue amount').toContain('to be 1,500 JPY');
    expect(message, 'the failure names the amount charged').toContain('but it is 150,000 JPY');
    const [record] = run.flowRecords;
    expect(record?.status).toBe('failed');
    expect(record?.steps.find((step) => step.status === 'failed')).toMatchObject({
      checklist: ['payment-end-to-end', 'amounts-in-minor-units', 'request-ids-logged'],
      error: expect.stringContaining('but it is 150,000 JPY'),
    });
  });

  test('does not start when preflight finds the yen price at 100 times the catalogue amount', async () => {
    const run = await runScenarioFilesInChildProcess({
      specFiles: [SCENARIO],
      faults: ['shop.jpy-scaled-by-100'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    expect(
      run.setupTests.map((t) => t.result.status),
      'the preflight setup fails',
    ).toEqual(['failed']);
    const message = plainText(run.setupTests[0]?.result.error?.message);
    expect(message, 'the failure names the checklist item').toContain(checklistItem('catalogue-in-mode').title);
    expect(
      run.tests.filter((t) => t.result.status !== 'skipped'),
      'no flow runs',
    ).toEqual([]);
    expect(run.flowRecords, 'no flow ran, so no flow record').toEqual([]);
  });

  test('fails at step 3 naming the sale amount when the platform divides yen by 100', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['referral.zero-decimal-as-cents'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'the payment is right (step 2) and the conversion (step 3) fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: true },
    ]);
    const message = plainText(run.checklist[2]?.error?.message);
    expect(message, 'the failure names the sale amount').toContain('to be 1,500 JPY');
    expect(message, 'the failure names what the platform recorded').toContain('but it is 15 JPY');
  });

  test('passes against the same sandbox without a fault (the detections are no false alarms)', async () => {
    const run = await runScenarioInChildProcess({ specFile: SCENARIO, faults: [], eventTimeoutMs: EVENT_TIMEOUT_MS });

    expect(plainText(run.result.error?.message), 'the rehearsal has no error').toBe('');
    expect(run.result.status, 'the rehearsal passes').toBe('passed');
    expect(run.exitCode).toBe(0);
    expect(run.checklist.map((step) => step.title.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.']);
    const [record] = run.flowRecords;
    expect(record).toMatchObject({ flow: 'zero-decimal-purchase', status: 'passed', file: SCENARIO });
    expect(record?.runId, "the child run picked its own run id, not this run's").not.toBe(process.env.REHEARSAL_RUN_ID);
    expect(record?.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(record?.timeline.map((point) => point.label)).toEqual([
      'referral link of alice opened',
      'click recorded for alice',
      'payment submitted',
      'payment succeeded (1,500 JPY)',
      'conversion recorded (1,500 JPY)',
      'commission created (300 JPY)',
      'refund requested in the shop admin',
      'commission reversed',
    ]);
    expect(record?.providerRequests.length, 'the provider calls are listed').toBeGreaterThan(0);
    expect(
      record?.providerRequests.every((request) => request.requestId?.startsWith('req_')),
      'each with its request id',
    ).toBe(true);
  });
});
