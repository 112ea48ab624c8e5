import { expect, test } from '@playwright/test';
import { parseBenchArgs } from '../../../scripts/bench/benchOptions';

test('runs every stage with 40 samples by default', () => {
  expect(parseBenchArgs([])).toEqual({ stages: ['A', 'B', 'C', 'D', 'E'], samples: 40 });
});

test('runs the stages asked for, in A–E order, whatever their case and order', () => {
  expect(parseBenchArgs(['--stages', 'd,A']).stages).toEqual(['A', 'D']);
  expect(parseBenchArgs(['--stages=C', '--samples', '5'])).toEqual({ stages: ['C'], samples: 5 });
});

test('refuses an unknown stage, a bad sample count and an unknown flag as usage errors', () => {
  expect(() => parseBenchArgs(['--stages', 'A,F'])).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('F') }));
  expect(() => parseBenchArgs(['--samples', '0'])).toThrow(expect.objectContaining({ name: 'UsageError' }));
  expect(() => parseBenchArgs(['--samples', 'many'])).toThrow(expect.objectContaining({ name: 'UsageError' }));
  expect(() => parseBenchArgs(['--workers', '2'])).toThrow(expect.objectContaining({ name: 'UsageError' }));
});
