import { expect, test } from '@playwright/test';
import { isEmail, isOrderToken, orderFormProblem } from '../../../sandbox/merchant/formPatterns';
import { keptTestClock, testClockProblem } from '../../../sandbox/merchant/testClockField';

const TOKEN = '0f8fad5b-d9cb-469f-a165-70867728950e';

test('a Buy or Subscribe submit is sent back for a stale token (email kept) or a bad email (email cleared)', () => {
  expect(orderFormProblem(TOKEN, 'ada@example.com')).toBeUndefined();
  expect(orderFormProblem('not-a-token', 'ada@example.com')).toEqual({
    message: 'This form has expired. Please check your email and try again.',
    keepEmail: true,
  });
  expect(orderFormProblem(TOKEN, 'ada@')).toEqual({ message: 'Please enter a valid email address.', keepEmail: false });
  expect(isOrderToken(TOKEN.toUpperCase())).toBe(false);
  expect(isEmail(`${'a'.repeat(250)}@x.io`)).toBe(false);
});

test('a test clock is refused with a live key, and must be a test clock id', () => {
  expect(testClockProblem('', false)).toBeUndefined();
  expect(testClockProblem('clock_123', false)).toBe('live-mode');
  expect(testClockProblem('clock_123', true)).toBeUndefined();
  expect(testClockProblem('clock_<script>', true)).toBe('malformed');
  expect(keptTestClock('clock_123', true)).toBe('clock_123');
  expect(keptTestClock('clock_<script>', true)).toBeUndefined();
  expect(keptTestClock('clock_123', false)).toBeUndefined();
});
