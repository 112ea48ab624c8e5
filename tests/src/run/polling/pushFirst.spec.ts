import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { expectNothingNew } from '../../../../src/run/expectations/expectNothingNew';
import { pollUntil } from '../../../../src/run/polling/pollUntil';
import { createWakeSignal, wakeWhen } from '../../../../src/run/polling/wakeSignal';

const quietEvidence = { attachJson: async () => undefined };

test('a pushed event ends the pause and the wait passes at once, not at the next interval', async () => {
  const pushes = createWakeSignal<string>();
  let there = false;
  const waiting = pollUntil({
    what: 'a commission',
    where: 'the API',
    timeoutMs: 10_000,
    intervalMs: 5_000, // a poll alone would not come back within the assertion below
    wakeOn: pushes,
    check: async () => (there ? 'found' : undefined),
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  there = true;
  const pushedAt = Date.now();
  pushes.fire('commission.created');
  const result = await waiting;
  expect(result.value).toBe('found');
  expect(result.attempts).toHaveLength(2);
  expect(Date.now() - pushedAt).toBeLessThan(1_000);
});

test('a push that arrives while a check runs makes the next check come at once', async () => {
  const pushes = createWakeSignal<void>();
  let calls = 0;
  const startedAt = Date.now();
  const result = await pollUntil({
    what: 'a commission',
    where: 'the API',
    timeoutMs: 10_000,
    intervalMs: 5_000,
    wakeOn: pushes,
    check: async () => {
      calls += 1;
      if (calls === 1) pushes.fire(); // the event lands after the API answered "nothing yet"
      return calls === 2 ? 'found' : undefined;
    },
  });
  expect(result.value).toBe('found');
  expect(Date.now() - startedAt).toBeLessThan(1_000);
});

test('an irrelevant push does not wake the wait', async () => {
  const pushes = createWakeSignal<string>();
  const startedAt = Date.now();
  const checkedAt: number[] = [];
  const waiting = pollUntil({
    what: 'a commission',
    where: 'the API',
    timeoutMs: 400,
    intervalMs: 5_000,
    wakeOn: wakeWhen(pushes, (type) => type === 'commission.created'),
    check: async () => {
      checkedAt.push(Date.now() - startedAt);
      return undefined;
    },
  });
  pushes.fire('participant.approved');
  pushes.fire('conversion.created');
  await expect(waiting).rejects.toThrow(/a commission/);
  // The first check at once; the next only at the deadline (a wake would have checked again right after the pushes;
  // on a busy machine the deadline's check may be repeated once, if its timer fired a moment early).
  expect(checkedAt.length).toBeGreaterThanOrEqual(2);
  expect(
    checkedAt.slice(1).every((ms) => ms >= 300),
    `checks at ${checkedAt.join(', ')} ms`,
  ).toBe(true);
});

test('polls fast first, then backs off', async () => {
  const result = await pollUntil({ what: 'never', where: 'nowhere', timeoutMs: 600, check: async () => undefined }).catch((error) => error);
  const gaps = result.attempts
    .slice(1)
    .map((attempt: { elapsedMs: number }, index: number) => attempt.elapsedMs - result.attempts[index].elapsedMs);
  expect(gaps[0]).toBeLessThan(150);
  expect(gaps[2]).toBeGreaterThan(gaps[0]);
});

test('stops listening when the wait ends', async () => {
  let listening = 0;
  const pushes = {
    subscribe: () => {
      listening += 1;
      return () => {
        listening -= 1;
      };
    },
  };
  await pollUntil({ what: 'x', where: 'y', timeoutMs: 1_000, wakeOn: pushes, check: async () => 1 });
  await pollUntil({ what: 'x', where: 'y', timeoutMs: 50, wakeOn: pushes, check: async () => undefined }).catch(() => undefined);
  expect(listening).toBe(0);
});

test('writes how each wait ended to REHEARSAL_OBSERVATION_LOG', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'observation-')), 'log.jsonl');
  const pushes = createWakeSignal<void>();
  process.env.REHEARSAL_OBSERVATION_LOG = file;
  try {
    await pollUntil({ what: 'already there', where: 'y', timeoutMs: 1_000, check: async () => 1 });
    let there = false;
    const pushed = pollUntil({
      what: 'pushed',
      where: 'y',
      timeoutMs: 5_000,
      intervalMs: 5_000,
      wakeOn: pushes,
      check: async () => (there ? 1 : undefined),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    there = true;
    pushes.fire();
    await pushed;
    await pollUntil({ what: 'never', where: 'y', timeoutMs: 30, check: async () => undefined }).catch(() => undefined);
  } finally {
    delete process.env.REHEARSAL_OBSERVATION_LOG;
  }
  const records = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(records.map((record) => [record.what, record.passed, record.releasedBy])).toEqual([
    ['already there', true, 'first-check'],
    ['pushed', true, 'push'],
    ['never', false, 'timeout'],
  ]);
});

test('nothing new: a pushed event checks at once and fails early', async () => {
  const pushes = createWakeSignal<void>();
  let appeared = false;
  const startedAt = Date.now();
  const watching = expectNothingNew(
    {
      what: 'conversion',
      where: 'the API',
      settleMs: 10_000,
      wakeOn: pushes,
      check: async () => (appeared ? 'conversion cv_1' : undefined),
    },
    { evidence: quietEvidence },
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  appeared = true;
  pushes.fire();
  await expect(watching).rejects.toThrow(/conversion cv_1 appeared/);
  expect(Date.now() - startedAt).toBeLessThan(900);
});

test('nothing new: checks at the end of the window without pushes', async () => {
  const checkedAt: number[] = [];
  const startedAt = Date.now();
  await expectNothingNew(
    { what: 'conversion', where: 'the API', settleMs: 300, check: async () => (checkedAt.push(Date.now()), undefined) },
    { evidence: quietEvidence },
  );
  // At once, then once the window is over (a timer that wakes a millisecond early adds one more check).
  expect(checkedAt.length).toBeGreaterThanOrEqual(2);
  expect(checkedAt.length).toBeLessThanOrEqual(3);
  expect(checkedAt.at(-1)! - startedAt).toBeGreaterThanOrEqual(300);
});

test('nothing new: a window that opened at the causing action and is already over is decided by one check', async () => {
  let checks = 0;
  const causedAt = Date.now() - 1_000;
  const startedAt = Date.now();
  await expectNothingNew(
    { what: 'conversion', where: 'the API', settleMs: 500, windowStartsAt: causedAt, check: async () => (checks++, undefined) },
    { evidence: quietEvidence },
  );
  expect(checks).toBe(1);
  expect(Date.now() - startedAt).toBeLessThan(400);
});

test('nothing new: a window that opened at the causing action is watched only for what is left of it', async () => {
  const checkedAt: number[] = [];
  const causedAt = Date.now() - 200;
  await expectNothingNew(
    {
      what: 'conversion',
      where: 'the API',
      settleMs: 500,
      windowStartsAt: causedAt,
      check: async () => (checkedAt.push(Date.now()), undefined),
    },
    { evidence: quietEvidence },
  );
  // The last check began once the window (from the causing action) was over, not 500 ms after the call.
  expect(checkedAt.at(-1)! - causedAt).toBeGreaterThanOrEqual(500);
  expect(checkedAt.at(-1)! - causedAt).toBeLessThan(650);
});

test('nothing new: what appears after the causing action fails the window, timed from that action', async () => {
  const attached: Array<{ name: string; value: unknown }> = [];
  const causedAt = Date.now() - 1_000;
  await expect(
    expectNothingNew(
      { what: 'conversion', where: 'the API', settleMs: 500, windowStartsAt: causedAt, check: async () => 'conversion cv_2' },
      { evidence: { attachJson: async (name: string, value: unknown) => void attached.push({ name, value }) } },
    ),
  ).rejects.toThrow(/conversion cv_2 appeared \(after 1\.\d s of a 0\.5 s settle window\)/);
  expect(attached.map((a) => a.name)).toEqual(['unexpected: conversion']);
});

test('nothing new: a window said to start in the future starts now', async () => {
  const checkedAt: number[] = [];
  const startedAt = Date.now();
  await expectNothingNew(
    {
      what: 'conversion',
      where: 'the API',
      settleMs: 200,
      windowStartsAt: startedAt + 60_000,
      check: async () => (checkedAt.push(Date.now()), undefined),
    },
    { evidence: quietEvidence },
  );
  expect(checkedAt.at(-1)! - startedAt).toBeGreaterThanOrEqual(200);
  expect(Date.now() - startedAt).toBeLessThan(2_000);
});

test('nothing new: a settle window of no time is refused, not passed unwatched', async () => {
  await expect(
    expectNothingNew({ what: 'conversion', where: 'the API', settleMs: 0, check: async () => undefined }, { evidence: quietEvidence }),
  ).rejects.toThrow(/settle window must be a positive number/);
});
