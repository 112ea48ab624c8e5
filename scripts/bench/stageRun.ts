import { cpus } from 'node:os';
import type { ObservationDelays } from './benchFigures';
import { runBrowserSteps, runFullRehearsal, type BenchSetting, type RehearsalStage } from './benchStages';
import { busyCores, cpuTicks } from './cpuBusy';
import { measureObservationDelay } from './observationDelay';
import type { RoundOutcome, ScheduledRun } from './stageRounds';

/** One run of one stage: how it went, and what its logs or samples hold (absent when it crashed before them). */
export interface StageRun {
  outcome: RoundOutcome;
  /** Stages A and B: their API calls and waits. */
  rehearsal?: Omit<RehearsalStage, 'outcome'>;
  /** Stage D: its samples. */
  observationDelay?: ObservationDelays;
}

/** Runs one stage once, with the machine's busy cores meanwhile; a crash is a failed run. */
export async function runStageOnce(run: ScheduledRun, setting: BenchSetting, samples: number): Promise<StageRun> {
  const ticks = cpuTicks();
  const done = await runCatchingCrash(run, setting, samples);
  const cores = busyCores(ticks, cpuTicks(), cpus().length);
  if (cores !== undefined) done.outcome.cpuBusyCores = cores;
  return done;
}

async function runCatchingCrash({ id, round }: ScheduledRun, setting: BenchSetting, samples: number): Promise<StageRun> {
  const startedAt = performance.now();
  try {
    if (id === 'A' || id === 'B') {
      const { outcome, ...rehearsal } = await runFullRehearsal(setting, id, id === 'A' ? 1 : 2, round);
      return { outcome, rehearsal };
    }
    if (id === 'C' || id === 'E') return { outcome: await runBrowserSteps(setting, id, id === 'C' ? 1 : 2, round) };
    const observationDelay = await measureObservationDelay(samples, setting.say);
    return { outcome: { id, wallMs: performance.now() - startedAt }, observationDelay };
  } catch (error) {
    return {
      outcome: {
        id,
        wallMs: performance.now() - startedAt,
        failure: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      },
    };
  }
}
