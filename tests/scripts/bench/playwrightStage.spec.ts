import { expect, test } from '@playwright/test';
import { stageFailure, testCountsOf } from '../../../scripts/bench/playwrightStage';

test("reads the tests' outcome from a Playwright JSON report's stats", () => {
  const report = {
    stats: { startTime: '2026-11-30T00:00:00Z', duration: 1234, expected: 40, unexpected: 1, flaky: 0, skipped: 3 },
    suites: [],
  };
  expect(testCountsOf(report)).toEqual({ passed: 40, failed: 1, flaky: 0, skipped: 3 });
  expect(testCountsOf({ suites: [] })).toBeUndefined();
  expect(testCountsOf(null)).toBeUndefined();
});

test('says why a run means nothing: a failed test, no test passed, or Playwright failing', () => {
  expect(stageFailure({ passed: 40, failed: 2, flaky: 0, skipped: 0 }, 1)).toBe('2 tests failed');
  expect(stageFailure({ passed: 0, failed: 0, flaky: 0, skipped: 4 }, 0)).toBe('no test passed');
  expect(stageFailure({ passed: 40, failed: 0, flaky: 0, skipped: 0 }, 1)).toBe('Playwright exited with code 1');
  expect(stageFailure({ passed: 40, failed: 0, flaky: 0, skipped: 2 }, 0)).toBeUndefined();
});
