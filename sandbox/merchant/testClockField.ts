import { ID_PATTERNS } from './formPatterns';

/** What is wrong with a `test_clock` field or query parameter: a live shop, or not a test clock id. */
export type TestClockProblem = 'live-mode' | 'malformed';

/**
 * Checks the test hook of a pricing page and its Subscribe form (the new customer is created on that provider test
 * clock): test clocks are for test keys only, and the value must be a test clock id. '' (no test clock) is fine.
 */
export function testClockProblem(testClock: string, testMode: boolean): TestClockProblem | undefined {
  if (testClock === '') return undefined;
  if (!testMode) return 'live-mode';
  return ID_PATTERNS.testClock.test(testClock) ? undefined : 'malformed';
}

/** The test clock a freshly rendered Subscribe form carries on: the submitted one when it was acceptable. */
export function keptTestClock(testClock: string, testMode: boolean): string | undefined {
  return testClock !== '' && testClockProblem(testClock, testMode) === undefined ? testClock : undefined;
}
