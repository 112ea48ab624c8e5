import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runApiCallLogFile, type ApiCallRecord } from '../../../../src/run/rateBudget/apiCallLog';
import { isApiCallRecord, readRunApiUsage } from '../../../../src/run/rateBudget/runApiUsage';

const T0 = Date.UTC(2026, 10, 23, 17, 45, 0);
const API_CALL_LOG = pathToFileURL(path.resolve('src/run/rateBudget/apiCallLog.ts')).href;

let runDir: string;

test.beforeEach(async () => {
  runDir = path.join(await mkdtemp(path.join(tmpdir(), 'run-api-usage-')), 'rh-1');
});

test.afterEach(async () => {
  await rm(path.dirname(runDir), { recursive: true, force: true });
});

/** A worker process of its own that logs `records` through logApiCall into the run's call log (and the bench log, if given). */
async function logFromAnotherProcess(records: ApiCallRecord[], benchLog?: string): Promise<void> {
  const script =
    `import(${JSON.stringify(API_CALL_LOG)}).then(({ recordApiCallsIn, logApiCall }) => {` +
    `recordApiCallsIn(${JSON.stringify(runApiCallLogFile(runDir))});` +
    `for (const record of ${JSON.stringify(records)}) logApiCall(record);` +
    '});';
  const env = { ...process.env, REHEARSAL_API_CALL_LOG: benchLog ?? '' };
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], { env });
}

async function writeCallLog(lines: string[]): Promise<void> {
  await mkdir(path.join(runDir, 'evidence'), { recursive: true });
  await writeFile(runApiCallLogFile(runDir), `${lines.join('\n')}\n`);
}

const call = (zone: ApiCallRecord['zone'], at: number, status: number | null = 200) => JSON.stringify({ zone, at, status });

test("takes the peak across two worker processes' lines, not either one's", async () => {
  const benchLog = path.join(path.dirname(runDir), 'bench-calls.jsonl');
  // Each writer alone starts 10 provider calls in one second; together they start 20 in it.
  const writerA = Array.from({ length: 10 }, (_, index) => ({ zone: 'provider' as const, at: T0 + index * 100, status: 200 }));
  const writerB = Array.from({ length: 10 }, (_, index) => ({ zone: 'provider' as const, at: T0 + 50 + index * 100, status: 200 }));
  await Promise.all([logFromAnotherProcess(writerA, benchLog), logFromAnotherProcess(writerB, benchLog)]);

  const usage = await readRunApiUsage(runDir, { mode: 'test', env: {} });
  expect(usage?.zones.provider).toEqual({
    calls: 20,
    peakRate: 20,
    window: '1s',
    limit: 25,
    budgetFraction: 0.5,
    percentOfLimit: 80,
    status429: 0,
    overBudget: true,
  });
  expect(usage?.badLines).toBe(0);
  // Both destinations got every line, and the lines hold zone, start and status only.
  const benchLines = (await readFile(benchLog, 'utf8')).trim().split('\n');
  expect(benchLines).toHaveLength(20);
  expect(Object.keys(JSON.parse(benchLines[0]!) as object).sort()).toEqual(['at', 'status', 'zone']);
});

test('counts 429s per zone, and a referral zone peaks over 60 s against its own limit', async () => {
  await writeCallLog([
    call('referralConversions', T0, 429),
    call('referralConversions', T0 + 1_000),
    call('referralConversions', T0 + 59_999),
    call('referralConversions', T0 + 60_000), // a new window begins for the first call
    call('referralGeneral', T0 + 5, null), // no answer: still a call
    call('provider', T0 + 10, 429),
  ]);
  const usage = await readRunApiUsage(runDir, { mode: 'test', env: {} });
  expect(usage?.zones.referralConversions).toMatchObject({
    calls: 4,
    peakRate: 3,
    window: '60s',
    limit: 120,
    percentOfLimit: 2.5,
    status429: 1,
    overBudget: false,
  });
  expect(usage?.zones.referralGeneral).toMatchObject({ calls: 1, peakRate: 1, limit: 300, status429: 0 });
  expect(usage?.zones.provider).toMatchObject({ calls: 1, status429: 1 });
  expect(usage?.zones.referralClicks).toMatchObject({ calls: 0, peakRate: 0, limit: 1_000, status429: 0 });
});

test('gives undefined for a run without a call log', async () => {
  expect(await readRunApiUsage(runDir, { mode: 'test', env: {} })).toBeUndefined();
});

test('skips and counts lines that are not call records', async () => {
  await writeCallLog([
    call('provider', T0),
    '{"zone":"provider","at":', // cut short
    '',
    JSON.stringify({ zone: 'elsewhere', at: T0, status: 200 }),
    JSON.stringify({ zone: 'provider', at: 'soon', status: 200 }),
    JSON.stringify({ zone: 'provider', at: T0, status: '200' }),
    call('provider', T0 + 1),
  ]);
  const usage = await readRunApiUsage(runDir, { mode: 'test', env: {} });
  expect(usage?.badLines).toBe(4);
  expect(usage?.zones.provider).toMatchObject({ calls: 2, peakRate: 2 });
});

test('holds a live run to the live provider limit, at the configured budget fraction and limits', async () => {
  await writeCallLog(Array.from({ length: 30 }, (_, index) => call('provider', T0 + index * 10)));
  const live = await readRunApiUsage(runDir, { mode: 'live', env: { REHEARSAL_RATE_BUDGET_FRACTION: '0.25' } });
  expect(live?.zones.provider).toMatchObject({ peakRate: 30, limit: 100, budgetFraction: 0.25, percentOfLimit: 30, overBudget: true });
  const overridden = await readRunApiUsage(runDir, { mode: 'test', env: { REHEARSAL_RATE_LIMITS: '{"provider":80}' } });
  expect(overridden?.zones.provider).toMatchObject({ limit: 80, budgetFraction: 0.5, percentOfLimit: 37.5, overBudget: false });
});

test('recognises call records and nothing else', () => {
  expect(isApiCallRecord({ zone: 'provider', at: 1, status: 200 })).toBe(true);
  expect(isApiCallRecord({ zone: 'referralClicks', at: 1, status: null })).toBe(true);
  expect(isApiCallRecord({ zone: 'elsewhere', at: 1, status: 200 })).toBe(false);
  expect(isApiCallRecord({ zone: 'provider', at: '1', status: 200 })).toBe(false);
  expect(isApiCallRecord({ zone: 'provider', at: Number.NaN, status: 200 })).toBe(false);
  expect(isApiCallRecord({ zone: 'provider', at: 1, status: 200.5 })).toBe(false);
  expect(isApiCallRecord({ zone: 'provider', at: 1 })).toBe(false);
  expect(isApiCallRecord(null)).toBe(false);
});
