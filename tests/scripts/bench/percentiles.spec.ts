import { expect, test } from '@playwright/test';
import { percentile, summarizeDurations } from '../../../scripts/bench/percentiles';

test('takes the nearest rank: the smallest value at least p % of the values are at or below', () => {
  const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
  expect(percentile(values, 50)).toBe(10);
  expect(percentile(values, 95)).toBe(19);
  expect(percentile(values, 100)).toBe(20);
});

test('does not depend on the order of the values', () => {
  expect(percentile([300, 10, 20, 40], 50)).toBe(20);
  expect(percentile([300, 10, 20, 40], 95)).toBe(300);
});

test('has no percentile of nothing, and refuses a percentile outside (0, 100]', () => {
  expect(percentile([], 95)).toBeUndefined();
  expect(() => percentile([1], 0)).toThrow(RangeError);
  expect(() => percentile([1], 101)).toThrow(RangeError);
});

test('summarizes durations as count, p50, p95 and max', () => {
  expect(summarizeDurations([5, 1, 9, 3])).toEqual({ count: 4, p50: 3, p95: 9, max: 9 });
  expect(summarizeDurations([])).toEqual({ count: 0 });
});
