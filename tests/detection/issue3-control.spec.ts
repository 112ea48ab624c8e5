import { expect, test } from '@playwright/test';
import { plainText, runScenarioFilesInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const SCENARIOS = ['scenarios/subscribe-renew-cancel.spec.ts', 'scenarios/declines.spec.ts', 'scenarios/duplicate-submit.spec.ts'];
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

test.describe('the subscription, declines and duplicate-submit rehearsals', () => {
  test.setTimeout(300_000);

  test('pass against the sandbox without faults (the detections are no false alarms)', async () => {
    const run = await runScenarioFilesInChildProcess({ specFiles: SCENARIOS, faults: [], eventTimeoutMs: EVENT_TIMEOUT_MS });

    const outcomes = run.tests.map((t) => ({
      test: t.title,
      status: t.result.status,
      error: plainText(t.result.error?.message).split('\n')[0] ?? '',
    }));
    expect(outcomes, 'every test passes, with no error').toEqual(run.tests.map((t) => ({ test: t.title, status: 'passed', error: '' })));
    expect(run.tests.length, 'one subscription test, four declines, one duplicate submit').toBe(6);
    expect(run.exitCode).toBe(0);
    const subscription = run.tests.find((t) => t.title.includes('subscribe-renew-cancel'));
    expect(
      subscription?.checklist.map((step) => step.title.slice(0, 2)),
      'the demo target rehearses all six subscription steps',
    ).toEqual(['1.', '2.', '3.', '4.', '5.', '6.']);
  });
});
