import { expect, test } from '@playwright/test';
import { plainText, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/subscribe-renew-cancel.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe('the subscribe-renew-cancel rehearsal', () => {
  test.setTimeout(240_000);

  test('fails at step 4 naming the missing renewal commission when the platform pays only the first invoice', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['referral.skip-renewal-commission'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'steps 1-3 pass and step 4 (the renewal) is the one that fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: false },
      { title: '4.', failed: true },
    ]);
    expect(plainText(run.checklist[3]?.error?.message), 'the failure names the missing renewal commission').toContain('renewal commission');
    expect(plainText(run.result.error?.message)).toContain('renewal commission');
    // The renewal was billed: a missing commission disproves the commission items, not the subscription lifecycle.
    const renewal = run.flowRecords[0]?.steps.find((step) => step.title.startsWith('4.'));
    expect(renewal?.failedItems).toEqual(['conversion-and-commission-recorded', 'commission-rule-as-agreed']);
  });
});
