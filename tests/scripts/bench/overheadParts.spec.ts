import { expect, test } from '@playwright/test';
import { overheadParts } from '../../../scripts/bench/overheadParts';
import type { WaitSummary } from '../../../scripts/bench/waitLogSummary';

const waits = (totalWaitMs: number, settleMs: number): WaitSummary => ({
  waits: 126,
  released: { 'first-check': 119, push: 0, poll: 7, timeout: 0, 'settle-window': 20 },
  failed: 0,
  p95WaitMs: 124,
  totalWaitMs,
  settleWindows: 20,
  settleMs,
});

test('splits stage A − stage C into settle windows, waits for events and the rest', () => {
  expect(overheadParts(65_800, 37_200, waits(3_500, 7_200))).toEqual({
    overheadMs: 28_600,
    settleMs: 7_200,
    settleWindows: 20,
    waitMs: 3_500,
    waits: 126,
    restMs: 17_900,
  });
});

test('the rest is never below zero when the summed waits overlapped beyond the overhead', () => {
  expect(overheadParts(40_000, 37_000, waits(2_000, 2_000)).restMs).toBe(0);
});
