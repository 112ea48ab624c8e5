import { expect, test } from '@playwright/test';
import { SlidingWindowLimiter } from '../../../../src/run/rateBudget/slidingWindowLimiter';
import { peakInWindow } from '../../../../src/run/rateBudget/usageRecorder';

test('never lets more than the budget start in any window', async () => {
  const limiter = new SlidingWindowLimiter({ budget: 5, windowMs: 150 });
  const slots = await Promise.all(Array.from({ length: 17 }, () => limiter.take()));
  const starts = slots.map((slot) => slot.at);
  expect(peakInWindow(starts, 150)).toBe(5);
  // 17 calls at 5 per window need at least three more windows after the first.
  expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(3 * 150);
});

test('makes a caller over the budget wait instead of refusing it', async () => {
  const limiter = new SlidingWindowLimiter({ budget: 2, windowMs: 120 });
  const results = await Promise.allSettled([limiter.take(), limiter.take(), limiter.take()]);
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  const [first, second, third] = results.map((result) => (result as PromiseFulfilledResult<{ at: number; waitedMs: number }>).value);
  expect(first!.waitedMs).toBe(0);
  expect(second!.waitedMs).toBe(0);
  expect(third!.waitedMs).toBeGreaterThanOrEqual(110);
  expect(third!.at - first!.at).toBeGreaterThanOrEqual(120);
});

test('serves waiting callers first come, first served', async () => {
  const limiter = new SlidingWindowLimiter({ budget: 1, windowMs: 40 });
  const order: number[] = [];
  await Promise.all([0, 1, 2, 3].map((n) => limiter.take().then(() => order.push(n))));
  expect(order).toEqual([0, 1, 2, 3]);
});

test('counts the peak over half-open windows', () => {
  expect(peakInWindow([], 1_000)).toBe(0);
  expect(peakInWindow([0, 999, 1_000, 1_001], 1_000)).toBe(3);
  expect(peakInWindow([5_000, 0, 10], 1_000)).toBe(2);
});

test('ends a wait when its signal aborts, and gives no slot after that', async () => {
  const limiter = new SlidingWindowLimiter({ budget: 1, windowMs: 60_000 });
  const stop = new AbortController();
  await limiter.take(stop.signal);
  const waiting = limiter.take(stop.signal);
  const queued = limiter.take(stop.signal);
  stop.abort();
  await expect(waiting).rejects.toThrow(/abort/i);
  await expect(queued).rejects.toThrow(/abort/i);
});
