import { expect, test } from '@playwright/test';
import { benchConsoleBlock, benchMarkdown } from '../../../scripts/bench/benchReport';
import type { BenchFigures } from '../../../scripts/bench/benchFigures';
import type { BenchRow } from '../../../scripts/bench/verdicts';

const tests = { passed: 30, failed: 0, flaky: 0, skipped: 2 };
const figures: BenchFigures = {
  stages: {
    A: { id: 'A', wallMs: 84_100, roundsMs: [96_000, 84_100], tests },
    C: { id: 'C', wallMs: 61_000, roundsMs: [61_000, 58_000], tests: { ...tests, failed: 1 }, failure: 'round 1 of 2: 1 test failed' },
    D: { id: 'D', wallMs: 5_000, roundsMs: [5_000] },
  },
  apiCalls: {},
};
const rows: BenchRow[] = [
  { figure: 'Harness overhead ratio', value: '1.31 (a | b)', target: '≤ 1.3', met: 'missed' },
  { figure: 'Waits', value: '3 waits', target: '—' },
  { figure: 'Speed-up', value: 'stage B not run', target: '≥ 90 % of the ceiling', met: 'not run' },
];

test('writes a markdown table with a target and a met? column, pipes escaped', () => {
  const markdown = benchMarkdown(figures, rows, { date: '2026-11-30T00:00:00.000Z', cores: 2, node: '20.19.0' }, 2);
  expect(markdown).toContain('| Figure | Value | Target | Met? |');
  expect(markdown).toContain('| Harness overhead ratio | 1.31 (a \\| b) | ≤ 1.3 | NO (missed) |');
  expect(markdown).toContain('| Waits | 3 waits | — | — |');
  expect(markdown).toContain('| Speed-up | stage B not run | ≥ 90 % of the ceiling | not run |');
  expect(markdown).toContain("2 cores, Node 20.19.0; each stage's figure the fastest of 2 rounds (stage D runs once).");
});

test("shows each stage's figure with every round's time, and a stage that ran once without them", () => {
  const markdown = benchMarkdown(figures, rows, { date: '2026-11-30T00:00:00.000Z', cores: 2, node: '20.19.0' }, 2);
  expect(markdown).toContain(
    '- Stage A (full rehearsal, 1 worker): 84.1 s (fastest of 2 rounds: 96.0 s, 84.1 s); tests: 30 passed, 0 failed, 2 skipped',
  );
  expect(markdown).toContain('- Stage D (observation delay, synthetic, against the sandbox): 5.0 s\n');
});

test('shows a failed stage with its failed round and every round, not as the fastest', () => {
  const stageC = benchConsoleBlock(figures, rows, 2).find((line) => line.startsWith('  Stage C'));
  expect(stageC).toBe(
    '  Stage C (the same browser steps without polling or evidence, 1 worker): 61.0 s (the failed round; rounds: 61.0 s, 58.0 s); ' +
      'tests: 30 passed, 1 failed, 2 skipped — FAILED: round 1 of 2: 1 test failed',
  );
});

test('prints a miss as missed on the console, with its target, under how the figures were taken', () => {
  const lines = benchConsoleBlock(figures, rows, 3);
  expect(lines).toContain("Benchmark results: each stage's figure the fastest of 3 rounds (stage D runs once)");
  expect(lines).toContain('  ✗ Harness overhead ratio: 1.31 (a | b) — target ≤ 1.3: NO (missed)');
  expect(lines).toContain('  · Waits: 3 waits');
  expect(lines).toContain('  Stage B (full rehearsal, 2 workers): not run');
  expect(benchConsoleBlock(figures, rows, 1)).toContain('Benchmark results: each stage ran once');
});
