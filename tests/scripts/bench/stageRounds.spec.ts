import { expect, test } from '@playwright/test';
import { combineRounds, roundSchedule, type RoundOutcome } from '../../../scripts/bench/stageRounds';

const tests = { passed: 20, failed: 0, flaky: 0, skipped: 0 };
const passed = (wallMs: number, cpuBusyCores = 1.5): RoundOutcome => ({ id: 'A', wallMs, tests, cpuBusyCores });
const failed = (wallMs: number, failure: string): RoundOutcome => ({ id: 'A', wallMs, tests: { ...tests, failed: 1 }, failure });

test('interleaves the Playwright stages round by round as A, C, B, E and runs stage D once, after the first round', () => {
  const order = roundSchedule(['A', 'B', 'C', 'D', 'E'], 2).map((run) => `${run.id}${run.round}/${run.of}`);
  expect(order).toEqual(['A1/2', 'C1/2', 'B1/2', 'E1/2', 'D1/1', 'A2/2', 'C2/2', 'B2/2', 'E2/2']);
});

test('schedules only the stages asked for', () => {
  expect(roundSchedule(['D'], 3)).toEqual([{ id: 'D', round: 1, of: 1 }]);
  expect(roundSchedule(['A', 'C'], 1)).toEqual([
    { id: 'A', round: 1, of: 1 },
    { id: 'C', round: 1, of: 1 },
  ]);
  expect(roundSchedule(['B', 'E'], 3).map((run) => run.id)).toEqual(['B', 'E', 'B', 'E', 'B', 'E']);
});

test("takes the fastest round's wall time and busy cores as the figure, keeping every round's time in order", () => {
  const combined = combineRounds([passed(96_000, 1.9), passed(84_100, 1.4), passed(90_000, 1.7)]);
  expect(combined.figureRound).toBe(1);
  expect(combined.outcome).toEqual({ id: 'A', wallMs: 84_100, roundsMs: [96_000, 84_100, 90_000], tests, cpuBusyCores: 1.4 });
});

test('fails a stage when any round failed, with the first failure and its round, even if a faster round passed', () => {
  const combined = combineRounds([passed(50_000), failed(70_000, '1 test failed'), failed(60_000, 'no test passed')]);
  expect(combined.figureRound).toBe(1);
  expect(combined.outcome.failure).toBe('round 2 of 3: 1 test failed');
  expect(combined.outcome.wallMs).toBe(70_000);
  expect(combined.outcome.tests?.failed).toBe(1);
  expect(combined.outcome.roundsMs).toEqual([50_000, 70_000, 60_000]);
});

test('keeps a single round as it is, its failure without a round number', () => {
  expect(combineRounds([passed(5_000)]).outcome).toEqual({ ...passed(5_000), roundsMs: [5_000] });
  expect(combineRounds([failed(5_000, 'Playwright exited with code 1')]).outcome.failure).toBe('Playwright exited with code 1');
  expect(() => combineRounds([])).toThrow(/no rounds/);
});
