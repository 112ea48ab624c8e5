import { test, expect } from '@playwright/test';
import { EvidenceMissingError, pollUntil } from '../../../../src/run/polling/pollUntil';

test('returns as soon as the condition holds', async () => {
  let calls = 0;
  const result = await pollUntil({
    what: 'the third answer',
    where: 'a counter',
    timeoutMs: 5_000,
    intervalMs: 10,
    check: async () => (++calls >= 3 ? 'ready' : undefined),
  });
  expect(result.value).toBe('ready');
  expect(calls).toBe(3);
  expect(result.elapsedMs).toBeLessThan(1_000);
});

test('checks once at once when the evidence is already there', async () => {
  const startedAt = Date.now();
  const result = await pollUntil({ what: 'x', where: 'y', timeoutMs: 5_000, check: async () => 42 });
  expect(result.value).toBe(42);
  expect(result.attempts).toHaveLength(1);
  expect(result.attempts[0]?.elapsedMs).toBeLessThan(50);
  expect(Date.now() - startedAt).toBeLessThan(200);
});

test('records every attempt', async () => {
  let calls = 0;
  const result = await pollUntil({
    what: 'a commission',
    where: 'the API',
    timeoutMs: 5_000,
    intervalMs: 5,
    check: async (note) => {
      calls += 1;
      note(`${calls} seen`);
      return calls === 4 ? calls : undefined;
    },
  });
  expect(result.attempts.map((a) => a.seen)).toEqual(['1 seen', '2 seen', '3 seen', '4 seen']);
  const elapsed = result.attempts.map((a) => a.elapsedMs);
  expect([...elapsed].sort((x, y) => x - y)).toEqual(elapsed);
});

test('fails with one sentence naming what, where and how long', async () => {
  const error = await pollUntil({
    what: 'commission.refunded for cm_1',
    where: "the harness's webhook sink (http://127.0.0.1:5123/webhooks)",
    timeoutMs: 300,
    intervalMs: 20,
    check: async (note) => {
      note('3 other deliveries');
      return undefined;
    },
  }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(EvidenceMissingError);
  const missing = error as EvidenceMissingError;
  expect(missing.message).toMatch(
    /^Expected commission\.refunded for cm_1 at the harness's webhook sink \(http:\/\/127\.0\.0\.1:5123\/webhooks\), but it did not appear within 0\.\d s \(\d+ checks; last seen: 3 other deliveries\)\.$/,
  );
  expect(missing.message.match(/\. /g)).toBeNull(); // one sentence
  expect(missing.what).toBe('commission.refunded for cm_1');
  expect(missing.waitedMs).toBeGreaterThanOrEqual(300);
  // never overshoots the deadline by more than one interval (plus timer slack)
  expect(missing.waitedMs).toBeLessThan(300 + 200);
  expect(missing.attempts.length).toBeGreaterThan(3);
});

test('keeps polling when a check throws', async () => {
  let calls = 0;
  const result = await pollUntil({
    what: 'a healthy answer',
    where: 'a flaky API',
    timeoutMs: 5_000,
    intervalMs: 5,
    check: async () => {
      calls += 1;
      if (calls < 3) throw new Error(`socket hang up ${calls}`);
      return 'ok';
    },
  });
  expect(result.value).toBe('ok');
  expect(result.attempts.map((a) => a.seen)).toEqual(['error: socket hang up 1', 'error: socket hang up 2', 'found']);
});

test('rethrows a nested wait that already failed', async () => {
  const nested = new EvidenceMissingError({ what: 'inner', where: 'inside', waitedMs: 10, attempts: [] });
  let calls = 0;
  const error = await pollUntil({
    what: 'outer',
    where: 'outside',
    timeoutMs: 5_000,
    check: async () => {
      calls += 1;
      throw nested;
    },
  }).catch((e: unknown) => e);
  expect(error).toBe(nested);
  expect(calls).toBe(1);
});

test('gives up on a check that hangs past the deadline', async () => {
  const startedAt = Date.now();
  const error = await pollUntil({
    what: 'an answer',
    where: 'a server that never answers',
    timeoutMs: 100,
    intervalMs: 50,
    check: () => new Promise<undefined>(() => undefined),
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EvidenceMissingError);
  expect((error as Error).message).toContain('last seen: check still running');
  expect(Date.now() - startedAt, 'the deadline plus the 2 s grace, not forever').toBeLessThan(3_500);
});

test('reports what the last finished check saw when the next one hangs past the deadline', async () => {
  let calls = 0;
  const error = await pollUntil({
    what: 'the account page showing "canceled"',
    where: "the merchant's account page",
    timeoutMs: 100,
    intervalMs: 50,
    check: async (note) => {
      calls += 1;
      if (calls > 1) return new Promise<undefined>(() => undefined);
      note('still showing "active"');
      return undefined;
    },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EvidenceMissingError);
  expect((error as Error).message).toMatch(/last seen: still showing "active" \(then the next check still running after \d+ ms\)/);
});

test('removes secrets from what it saw', async () => {
  const error = await pollUntil({
    what: 'a click',
    where: 'the API',
    timeoutMs: 0,
    check: async () => {
      throw new Error('401 for key sk_test_abc123');
    },
  }).then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  expect(error.message).toContain('error: 401 for key [redacted]');
  expect(error.message).not.toContain('sk_test_abc123');
  expect(error.message).toContain('(1 check;');
});
