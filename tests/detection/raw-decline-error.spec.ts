import { expect, test } from '@playwright/test';
import { plainText, runScenarioInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIO = 'scenarios/declines.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe('the declines rehearsal', () => {
  test.setTimeout(180_000);

  test("fails at step 3 naming the raw error text when the shop shows the customer the provider's error", async () => {
    const run = await runScenarioInChildProcess({
      specFile: SCENARIO,
      grep: 'a declined card',
      faults: ['shop.raw-decline-error'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
    });

    expect(run.result.status, 'the rehearsal fails').toBe('failed');
    expect(run.exitCode, 'the rehearsal exits non-zero').not.toBe(0);
    const steps = run.checklist.map((step) => ({ title: step.title.slice(0, 2), failed: step.error !== undefined }));
    expect(steps, "the payment page is fine (step 2) and the merchant's page (step 3) fails").toEqual([
      { title: '1.', failed: false },
      { title: '2.', failed: false },
      { title: '3.', failed: true },
    ]);
    const message = plainText(run.checklist[2]?.error?.message);
    expect(message, "the failure names the merchant's page").toContain("the merchant's page");
    expect(message, 'the failure says raw error text is visible to the customer').toContain('raw error text is visible to the customer');
  });
});
