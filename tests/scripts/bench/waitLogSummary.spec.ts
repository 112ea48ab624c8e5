import { expect, test } from '@playwright/test';
import { isWaitRecord, summarizeWaits, type WaitRecord } from '../../../scripts/bench/waitLogSummary';

const wait = (ms: number, releasedBy: WaitRecord['releasedBy']): WaitRecord => ({
  what: 'a commission',
  startedAt: 1_000,
  endedAt: 1_000 + ms,
  passed: releasedBy !== 'timeout',
  checks: 2,
  releasedBy,
});

test('counts how the waits were released and takes the p95 of the ones that passed', () => {
  const records = [
    ...Array.from({ length: 10 }, () => wait(5, 'first-check')),
    ...Array.from({ length: 8 }, (_, i) => wait(20 + i, 'push')),
    wait(400, 'poll'),
    wait(15_000, 'timeout'),
  ];
  const summary = summarizeWaits(records);
  expect(summary.waits).toBe(20);
  expect(summary.released).toEqual({ 'first-check': 10, push: 8, poll: 1, timeout: 1, 'settle-window': 0 });
  expect(summary.failed).toBe(1);
  // 19 waits passed: the p95 is the 19th smallest, the poll's 400 ms; the timeout's 15 s is not a wait time.
  expect(summary.p95WaitMs).toBe(400);
  expect(summary.totalWaitMs).toBe(10 * 5 + (20 + 21 + 22 + 23 + 24 + 25 + 26 + 27) + 400 + 15_000);
});

test('has no p95 when no wait passed', () => {
  expect(summarizeWaits([wait(10_000, 'timeout')]).p95WaitMs).toBeUndefined();
  expect(summarizeWaits([]).waits).toBe(0);
});

test('recognises wait records and nothing else', () => {
  expect(isWaitRecord(wait(1, 'push'))).toBe(true);
  expect(isWaitRecord({ ...wait(1, 'push'), releasedBy: 'luck' })).toBe(false);
  expect(isWaitRecord({ ...wait(1, 'push'), passed: 'yes' })).toBe(false);
  expect(isWaitRecord('{"what":"x"}')).toBe(false);
});

test('counts settle windows apart: they last their window by design and stay out of the p95', () => {
  const summary = summarizeWaits([wait(5, 'first-check'), wait(5_000, 'settle-window'), wait(5_000, 'settle-window')]);
  expect(summary.waits).toBe(1);
  expect(summary.p95WaitMs).toBe(5);
  expect(summary.settleWindows).toBe(2);
  expect(summary.settleMs).toBe(10_000);
});
