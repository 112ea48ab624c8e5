import { expect, test } from '@playwright/test';
import { plainText, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/duplicate-submit.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe('the duplicate-submit rehearsal', () => {
  test.setTimeout(180_000);

  test('fails at step 5 naming the second charge when the shop ignores the order token', async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      faults: ['shop.non-idempotent-checkout'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, 'the customer gets through steps 1-4 and step 5 (counting) is the one that fails').toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: false },
      { title: '4.', failed: false },
      { title: '5.', failed: true },
    ]);
    expect(plainText(run.checklist[4]?.error?.message), 'the failure names the second charge').toContain('second charge');
    expect(plainText(run.result.error?.message)).toContain('second charge');
  });
});
