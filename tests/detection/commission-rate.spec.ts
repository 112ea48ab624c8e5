import { expect, test } from '@playwright/test';
import { checklistItem } from '../../src/model/checklist/catalogue';
import { plainText, runScenarioFilesInChildProcess, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/referral-purchase-refund.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe.configure({ mode: 'parallel' });

test.describe('the referral-purchase-refund rehearsal', () => {
  test.setTimeout(180_000);

  test('fails at step 3 naming the agreed 400 against the 200 paid when the programme pays 10 % (preflight skipped)', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['referral.wrong-commission-rate'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
      noDeps: true,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'steps 1-2 pass and step 3 (the commission) is the one that fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: true },
    ]);
    const message = plainText(run.checklist[2]?.error?.message);
    expect(message, 'the failure names the agreed commission').toContain('to be 4.00 USD');
    expect(message, 'the failure names the commission paid').toContain('but it is 2.00 USD');
    const failed = run.flowRecords[0]?.steps.find((step) => step.status === 'failed');
    expect(failed?.failedItems, 'the flow record ties the failure to the commission items, not to delivery').toEqual([
      'conversion-and-commission-recorded',
      'commission-rule-as-agreed',
    ]);
  });

  test('does not start when preflight finds the programme paying another rate than agreed', async () => {
    const run = await runScenarioFilesInChildProcess({
      specFiles: [SCENARIO],
      faults: ['referral.wrong-commission-rate'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    expect(
      run.setupTests.map((t) => t.result.status),
      'the preflight setup fails',
    ).toEqual(['failed']);
    expect(plainText(run.setupTests[0]?.result.error?.message), 'the failure names the checklist item').toContain(
      checklistItem('commission-rule-as-agreed').title,
    );
    expect(
      run.tests.filter((t) => t.result.status !== 'skipped'),
      'no flow runs',
    ).toEqual([]);
  });
});
