import { expect, test } from '@playwright/test';
import { benchConsoleBlock, benchMarkdown } from '../../../scripts/bench/benchReport';
import type { BenchFigures } from '../../../scripts/bench/benchFigures';
import type { BenchRow } from '../../../scripts/bench/verdicts';

const figures: BenchFigures = {
  stages: { A: { id: 'A', wallMs: 123_400, tests: { passed: 30, failed: 0, flaky: 0, skipped: 2 } } },
  apiCalls: {},
};
const rows: BenchRow[] = [
  { figure: 'Harness overhead ratio', value: '1.31 (a | b)', target: '≤ 1.2', met: 'missed' },
  { figure: 'Waits', value: '3 waits', target: '—' },
  { figure: 'Speed-up', value: 'stage B not run', target: '≥ 1.5×', met: 'not run' },
];

test('writes a markdown table with a target and a met? column, pipes escaped', () => {
  const markdown = benchMarkdown(figures, rows, { date: '2026-11-30T00:00:00.000Z', cores: 2, node: '20.19.0' });
  expect(markdown).toContain('| Figure | Value | Target | Met? |');
  expect(markdown).toContain('| Harness overhead ratio | 1.31 (a \\| b) | ≤ 1.2 | NO (missed) |');
  expect(markdown).toContain('| Waits | 3 waits | — | — |');
  expect(markdown).toContain('| Speed-up | stage B not run | ≥ 1.5× | not run |');
  expect(markdown).toContain('Stage A (full rehearsal, 1 worker): 123.4 s; tests: 30 passed, 0 failed, 2 skipped');
  expect(markdown).toContain('2 cores, Node 20.19.0');
});

test('prints a miss as missed on the console, with its target', () => {
  const lines = benchConsoleBlock(figures, rows);
  expect(lines).toContain('  ✗ Harness overhead ratio: 1.31 (a | b) — target ≤ 1.2: NO (missed)');
  expect(lines).toContain('  · Waits: 3 waits');
  expect(lines).toContain('  Stage B (full rehearsal, 2 workers): not run');
});
