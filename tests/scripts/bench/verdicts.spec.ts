import { expect, test } from '@playwright/test';
import { summarizeApiCalls, type ApiCallRecord } from '../../../scripts/bench/callLogSummary';
import type { BenchFigures, ObservationDelays, StageOutcome } from '../../../scripts/bench/benchFigures';
import {
  benchExitCode,
  benchRows,
  benchSummaryLine,
  NO_CALL_LOG,
  NO_OBSERVATION_LOG,
  type BenchRow,
} from '../../../scripts/bench/verdicts';

const stage = (id: StageOutcome['id'], wallMs: number, failure?: string): StageOutcome => ({
  id,
  wallMs,
  roundsMs: [wallMs],
  tests: { passed: 10, failed: failure ? 1 : 0, flaky: 0, skipped: 0 },
  ...(failure ? { failure } : {}),
});

const delays = (p95: number, failures: string[] = []): ObservationDelays => ({
  samplesPerKind: 2,
  kinds: {
    commission: { delays: { count: 2, p50: 10, p95, max: p95 }, failures },
    providerEvent: { delays: { count: 2, p50: 20, p95: 30, max: 30 }, failures: [] },
  },
  overall: { count: 4, p50: 20, p95, max: p95 },
});

const calls = (records: ApiCallRecord[]) => summarizeApiCalls(records);

function row(rows: BenchRow[], figure: RegExp): BenchRow {
  const found = rows.find((candidate) => figure.test(candidate.figure));
  if (!found) throw new Error(`no row ${figure}`);
  return found;
}

function allGood(): BenchFigures {
  return {
    stages: {
      A: stage('A', 120_000),
      B: stage('B', 70_000),
      C: stage('C', 110_000),
      D: { id: 'D', wallMs: 5_000, roundsMs: [5_000] },
      E: stage('E', 60_000),
    },
    apiCalls: {
      A: calls([
        { zone: 'provider', at: 0, status: 200 },
        { zone: 'provider', at: 10, status: 200 },
      ]),
      B: calls([
        { zone: 'provider', at: 0, status: 200 },
        { zone: 'provider', at: 5, status: 200 },
        { zone: 'provider', at: 9, status: 200 },
      ]),
    },
    rehearsalWaits: {
      waits: 3,
      released: { 'first-check': 1, push: 1, poll: 1, timeout: 0, 'settle-window': 2 },
      failed: 0,
      p95WaitMs: 80,
      totalWaitMs: 1_500,
      settleWindows: 2,
      settleMs: 10_000,
    },
    observationDelay: delays(100),
  };
}

test('meets every target when every figure is within it, and exits 0', () => {
  const figures = allGood();
  const rows = benchRows(figures);
  expect(row(rows, /overhead ratio/).met).toBe('met');
  expect(row(rows, /overhead ratio/).value).toMatch(/^1\.09 /);
  expect(row(rows, /Observation delay p50 \/ p95/).met).toBe('met');
  expect(row(rows, /peak rate: provider/).value).toContain(
    'calls 2 (1 worker), 3 (2 workers); peak 3 per 1 s = 12 % of 25 (2 workers run)',
  );
  expect(row(rows, /429/).met).toBe('met');
  // 1.71× ÷ a ceiling of 110 ÷ 60 = 1.83×.
  expect(row(rows, /Speed-up/)).toMatchObject({
    value: '1.71× (120.0 s → 70.0 s) = 93.5 % of the ceiling 1.83×',
    target: '≥ 90 % of the ceiling',
    met: 'met',
  });
  expect(row(rows, /Waits in the full rehearsal/).value).toBe(
    '3 waits: 1 / 1 / 1 / 0; p95 80 ms; 1.5 s in all; 2 settle windows, 10.0 s in all',
  );
  expect(benchExitCode(figures, rows)).toBe(0);
});

test('prints each miss as missed and exits 1', () => {
  const figures = allGood();
  figures.stages.C = stage('C', 90_000); // 120 ÷ 90 = 1.33
  figures.stages.B = stage('B', 100_000); // 1.2× of a ceiling of 90 ÷ 60 = 1.5×: 80 %
  figures.observationDelay = delays(151);
  figures.apiCalls.B = calls(Array.from({ length: 13 }, (_, i) => ({ zone: 'provider' as const, at: i, status: i === 0 ? 429 : 200 })));
  const rows = benchRows(figures);
  expect(row(rows, /overhead ratio/)).toMatchObject({ value: '1.33 (120.0 s ÷ 90.0 s)', target: '≤ 1.3', met: 'missed' });
  expect(row(rows, /Speed-up/)).toMatchObject({ value: expect.stringContaining('= 80.0 % of the ceiling 1.50×'), met: 'missed' });
  expect(row(rows, /Observation delay p50 \/ p95/).met).toBe('missed');
  expect(row(rows, /peak rate: provider/).met).toBe('missed'); // 13 of 25 = 52 %
  expect(row(rows, /429/)).toMatchObject({ value: '1', met: 'missed' });
  expect(benchExitCode(figures, rows)).toBe(1);
});

test('a sample never observed misses the delay target, whatever the others took', () => {
  const figures = { ...allGood(), observationDelay: delays(40, ['no commission within 10 s']) };
  const rows = benchRows(figures);
  expect(row(rows, /Observation delay p50 \/ p95/)).toMatchObject({ met: 'missed' });
  expect(row(rows, /Observation delay p50 \/ p95/).value).toContain('1 never observed');
});

test('a missing log is not measured, says which log, and fails the bench', () => {
  const figures = { ...allGood(), apiCalls: { A: null, B: allGood().apiCalls.B }, rehearsalWaits: null };
  const rows = benchRows(figures);
  expect(row(rows, /peak rate/)).toMatchObject({ value: NO_CALL_LOG, met: 'not measured' });
  expect(row(rows, /429/).met).toBe('not measured');
  expect(row(rows, /Waits in the full rehearsal/).value).toBe(NO_OBSERVATION_LOG);
  expect(benchExitCode(figures, rows)).toBe(1);
});

test("a failed stage's figures are not measured, and the bench fails", () => {
  const figures = allGood();
  figures.stages.A = stage('A', 120_000, '1 test failed');
  const rows = benchRows(figures);
  expect(row(rows, /overhead ratio/)).toMatchObject({ met: 'not measured', value: expect.stringContaining('stage A failed') });
  expect(row(rows, /Speed-up/).met).toBe('not measured');
  expect(benchExitCode(figures, rows)).toBe(1);
});

test('stages left out are "not run" and do not fail the bench', () => {
  const figures: BenchFigures = {
    stages: { D: { id: 'D', wallMs: 1_000, roundsMs: [1_000] } },
    apiCalls: {},
    observationDelay: delays(90),
  };
  const rows = benchRows(figures);
  expect(row(rows, /overhead ratio/).met).toBe('not run');
  expect(row(rows, /Speed-up/).met).toBe('not run');
  expect(row(rows, /429/).met).toBe('not run');
  expect(benchExitCode(figures, rows)).toBe(0);
});

test('the last line tallies the targets met, missed and not measured, and names a failed stage', () => {
  const good = allGood();
  expect(benchSummaryLine(good, benchRows(good))).toBe('✓ 8 of 8 targets met, 0 missed, 0 not measured');
  const failed = allGood();
  failed.stages.B = stage('B', 100_000, '1 test failed');
  // Overhead and delay met; the zones (one row then), 429s and speed-up not measured.
  expect(benchSummaryLine(failed, benchRows(failed))).toBe('✗ 2 of 5 targets met, 0 missed, 3 not measured; stage B failed');
  const nothing: BenchFigures = { stages: { C: stage('C', 1) }, apiCalls: {} };
  expect(benchSummaryLine(nothing, benchRows(nothing))).toBe('– No target measured (their stages were not run)');
});

test("shows this machine's ceiling: the browser steps alone on 2 workers over 1, with how busy the cores were", () => {
  const rows = benchRows({
    stages: { C: { id: 'C', wallMs: 72_000, roundsMs: [72_000], cpuBusyCores: 1.84 }, E: { id: 'E', wallMs: 73_500, roundsMs: [73_500] } },
    apiCalls: {},
  });
  const ceiling = rows.find((row) => row.figure.startsWith("This machine's ceiling"));
  expect(ceiling?.value).toBe('0.98× (72.0 s → 73.5 s); CPU busy 1.84 cores with 1 worker');
  expect(ceiling?.met).toBeUndefined();
});

test('says what the overhead is made of: settle windows, waits for events and the rest', () => {
  const rows = benchRows(allGood()); // 120 s − 110 s; settle windows 10 s, waits 1.5 s: nothing left over
  expect(row(rows, /What the overhead is made of/).target).toBe('—');
  expect(row(rows, /What the overhead is made of/).met).toBeUndefined();
  expect(row(rows, /What the overhead is made of/).value).toMatch(
    /^10\.0 s: settle windows 10\.0 s \(2\), waits for events 1\.5 s \(3\), the rest 0\.0 s \(the preflight projects/,
  );
  const slower = { ...allGood(), rehearsalWaits: null };
  slower.stages.A = stage('A', 150_000);
  expect(row(benchRows(slower), /What the overhead is made of/).value).toBe(`40.0 s; ${NO_OBSERVATION_LOG}`);
});

test("without the ceiling's stages the speed-up is shown, not judged, and a failed ceiling stage fails it", () => {
  const noCeiling = allGood();
  delete noCeiling.stages.E;
  expect(row(benchRows(noCeiling), /Speed-up/)).toMatchObject({
    value: '1.71× (120.0 s → 70.0 s); no ceiling: stage E not run',
    met: 'not run',
  });
  const failedCeiling = allGood();
  failedCeiling.stages.E = stage('E', 60_000, '1 test failed');
  expect(row(benchRows(failedCeiling), /Speed-up/).met).toBe('not measured');
  expect(benchExitCode(failedCeiling, benchRows(failedCeiling))).toBe(1);
});

test('the overhead ratio and the speed-up are judged met or missed, never called blocked', () => {
  const slow = allGood();
  slow.stages.A = stage('A', 200_000);
  for (const figures of [allGood(), slow]) {
    for (const judged of benchRows(figures).filter((candidate) => /overhead ratio|Speed-up/.test(candidate.figure))) {
      expect(['met', 'missed']).toContain(judged.met);
      expect(`${judged.figure} ${judged.value} ${judged.target}`).not.toMatch(/blocked/i);
    }
  }
});
