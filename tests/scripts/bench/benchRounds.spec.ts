import { expect, test } from '@playwright/test';
import { figuresOf } from '../../../scripts/bench/benchRounds';
import { summarizeApiCalls } from '../../../scripts/bench/callLogSummary';
import type { StageId } from '../../../scripts/bench/benchFigures';
import type { StageRun } from '../../../scripts/bench/stageRun';
import type { WaitSummary } from '../../../scripts/bench/waitLogSummary';

const tests = { passed: 20, failed: 0, flaky: 0, skipped: 0 };
const waits = (count: number): WaitSummary => ({
  waits: count,
  released: { 'first-check': count, push: 0, poll: 0, timeout: 0, 'settle-window': 0 },
  failed: 0,
  p95WaitMs: 50,
  totalWaitMs: 500,
  settleWindows: 0,
  settleMs: 0,
});
const rehearsalRound = (id: 'A' | 'B', wallMs: number, providerCalls: number): StageRun => ({
  outcome: { id, wallMs, tests },
  rehearsal: {
    calls: summarizeApiCalls(Array.from({ length: providerCalls }, (_, i) => ({ zone: 'provider' as const, at: i * 1_000, status: 200 }))),
    waits: waits(providerCalls),
  },
});

const burstRound = (id: 'A' | 'B', wallMs: number, burst: number, throttled = 0): StageRun => ({
  outcome: { id, wallMs, tests },
  rehearsal: {
    calls: summarizeApiCalls([
      ...Array.from({ length: burst }, (_, i) => ({ zone: 'provider' as const, at: i, status: 200 })),
      ...Array.from({ length: throttled }, (_, i) => ({ zone: 'provider' as const, at: 10_000 + i * 1_000, status: 429 })),
    ]),
    waits: waits(burst),
  },
});

test("takes stage A's waits from the round that gave its figure, and the API calls of every round (the worse peak, every 429)", () => {
  const runs = new Map<StageId, StageRun[]>([
    ['A', [burstRound('A', 96_000, 11, 1), burstRound('A', 84_100, 9)]],
    ['B', [burstRound('B', 60_000, 3), burstRound('B', 65_000, 4, 2)]],
  ]);
  const figures = figuresOf(runs);
  expect(figures.stages.A).toMatchObject({ wallMs: 84_100, roundsMs: [96_000, 84_100] });
  expect(figures.rehearsalWaits?.waits).toBe(9);
  // The slower round's burst of 11 in one second is the peak, though the faster round gave the time.
  expect(figures.apiCalls.A?.provider).toMatchObject({ peak: 11, status429: 1 });
  expect(figures.stages.B).toMatchObject({ wallMs: 60_000, roundsMs: [60_000, 65_000] });
  expect(figures.apiCalls.B?.provider).toMatchObject({ peak: 4, status429: 2 });
});

test('leaves out the logs of a round that crashed before writing them, and fails its stage', () => {
  const runs = new Map<StageId, StageRun[]>([
    ['A', [{ outcome: { id: 'A', wallMs: 1_000, failure: 'spawn failed' } }, rehearsalRound('A', 84_100, 9)]],
  ]);
  const figures = figuresOf(runs);
  expect(figures.stages.A?.failure).toBe('round 1 of 2: spawn failed');
  expect(figures.apiCalls.A?.provider.calls).toBe(9); // the round that ran still counts
  expect(figures.rehearsalWaits).toBeUndefined();
});
