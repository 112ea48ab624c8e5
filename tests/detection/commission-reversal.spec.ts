import { expect, test } from '@playwright/test';
import { plainText, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/referral-purchase-refund.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe.configure({ mode: 'parallel' });

test.describe('the referral-purchase-refund rehearsal', () => {
  test.setTimeout(180_000);

  test('fails at step 4 naming commission.refunded when the platform does not reverse commissions', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['referral.skip-refund-reversal'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'steps 1-3 pass and step 4 is the one that fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: false },
      { title: '4.', failed: true },
    ]);
    expect(plainText(run.checklist[3]?.error?.message), 'the failure names the missing event').toContain('commission.refunded');
    expect(plainText(run.result.error?.message)).toContain('commission.refunded');
  });

  test('passes against the same sandbox without the fault (the detection is no false alarm)', async () => {
    const run = await runScenarioInChildProcess({ specFile: SCENARIO, faults: [], eventTimeoutMs: EVENT_TIMEOUT_MS });

    expect(plainText(run.result.error?.message), 'the rehearsal has no error').toBe('');
    expect(run.result.status, 'the rehearsal passes').toBe('passed');
    expect(run.exitCode).toBe(0);
    expect(run.checklist.map((step) => step.title.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.']);
  });
});
