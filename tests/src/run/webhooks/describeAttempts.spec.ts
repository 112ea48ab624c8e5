import { test, expect } from '@playwright/test';
import { attemptResult, clock, describeAttempts } from '../../../../src/run/webhooks/describeAttempts';

// 1_790_000_001 s is 2026-09-21T14:13:21Z.
const at = (second: number): number => (1_790_000_000 + second) * 1000;

test('an attempt that got an answer is its HTTP status; one without, the reason it got none', () => {
  expect(attemptResult({ status: 503 })).toBe('HTTP 503');
  expect(attemptResult({ status: 503, error: 'ignored when there is a status' })).toBe('HTTP 503');
  expect(attemptResult({ status: null, error: 'connect ECONNREFUSED 127.0.0.1:4242' })).toBe(
    'no answer: connect ECONNREFUSED 127.0.0.1:4242',
  );
  expect(attemptResult({ status: null })).toBe('no answer: unknown error');
});

test('the clock is the UTC time of day of an epoch-ms moment', () => {
  expect(clock(at(1))).toBe('14:13:21 UTC');
});

test('no attempts read as "no attempt yet"; one as "1 attempt"', () => {
  expect(describeAttempts([])).toBe('no attempt yet');
  expect(describeAttempts([{ at: at(1), status: 500, succeeded: false }])).toBe('1 attempt: HTTP 500 at 14:13:21 UTC');
});

test('several attempts are listed in order with their results and times', () => {
  expect(
    describeAttempts([
      { at: at(1), status: 503, succeeded: false },
      { at: at(3), status: null, error: 'timed out after 10 s', succeeded: false },
      { at: at(9), status: 200, succeeded: true },
    ]),
  ).toBe('3 attempts: HTTP 503 at 14:13:21 UTC, no answer: timed out after 10 s at 14:13:23 UTC, HTTP 200 at 14:13:29 UTC');
});

test('more than five attempts show the count, how many earlier ones are left out, and the last five', () => {
  const attempts = Array.from({ length: 7 }, (_, index) => ({ at: at(index), status: 500 + index, succeeded: false }));
  const described = describeAttempts(attempts);
  expect(described).toMatch(/^7 attempts: …2 earlier, HTTP 502 at 14:13:22 UTC, /);
  expect(described).toMatch(/HTTP 506 at 14:13:26 UTC$/);
  expect(described).not.toContain('HTTP 501');
});
