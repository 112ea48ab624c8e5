import { expect, test } from '@playwright/test';
import { parseBenchArgs } from '../../../scripts/bench/benchOptions';

test('runs every stage with 40 samples and 2 rounds by default', () => {
  expect(parseBenchArgs([])).toEqual({ stages: ['A', 'B', 'C', 'D', 'E'], samples: 40, rounds: 2 });
});

test('runs the stages asked for, in A–E order, whatever their case and order', () => {
  expect(parseBenchArgs(['--stages', 'd,A']).stages).toEqual(['A', 'D']);
  expect(parseBenchArgs(['--stages=C', '--samples', '5'])).toEqual({ stages: ['C'], samples: 5, rounds: 2 });
});

test('runs the rounds asked for', () => {
  expect(parseBenchArgs(['--rounds', '3']).rounds).toBe(3);
  expect(parseBenchArgs(['--rounds=1', '--stages', 'A']).rounds).toBe(1);
});

test('refuses an unknown stage, a bad sample count and an unknown flag as usage errors', () => {
  expect(() => parseBenchArgs(['--stages', 'A,F'])).toThrow(
    expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('F') }),
  );
  expect(() => parseBenchArgs(['--samples', '0'])).toThrow(expect.objectContaining({ name: 'UsageError' }));
  expect(() => parseBenchArgs(['--samples', 'many'])).toThrow(expect.objectContaining({ name: 'UsageError' }));
  expect(() => parseBenchArgs(['--workers', '2'])).toThrow(
    expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('[--rounds 2]') }),
  );
});

test('refuses a round count that is not a positive whole number, naming the flag', () => {
  for (const bad of ['0', '-1', '1.5', 'two', '']) {
    expect(() => parseBenchArgs(['--rounds', bad])).toThrow(
      expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('--rounds') }),
    );
  }
});
