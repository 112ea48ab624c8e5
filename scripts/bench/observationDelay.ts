import { setTimeout as sleep } from 'node:timers/promises';
import { DELAY_KIND_TITLES, type DelayKind, type ObservationDelays } from './benchFigures';
import { commissionDelay, providerEventDelay } from './delaySamples';
import { startObservationWorld, type ObservationWorld } from './observationWorld';
import { summarizeDurations } from './percentiles';

/** How long one sample's wait may take before it counts as never observed. */
const SAMPLE_TIMEOUT_MS = 10_000;
/**
 * The least time between two rounds (one sample of each kind). Back to back, the samples would call faster than the
 * harness's rate budgets allow (the provider's 12 calls a second, the referral API's 150 a minute) and their waits
 * would be held by the budget: this stage measures how soon an event is observed, not throttling (stage A's
 * observation log shows the waits of a real rehearsal, throttling included).
 */
const ROUND_MS = 1_500;

const MEASURE: Record<DelayKind, (world: ObservationWorld, timeoutMs: number) => Promise<number>> = {
  commission: commissionDelay,
  providerEvent: providerEventDelay,
};

/** Stage D: `samples` of each kind, the kinds taking turns, in one in-process demo sandbox. */
export async function measureObservationDelay(samples: number, progress: (line: string) => void): Promise<ObservationDelays> {
  const world = await startObservationWorld();
  const delays: Record<DelayKind, number[]> = { commission: [], providerEvent: [] };
  const failures: Record<DelayKind, string[]> = { commission: [], providerEvent: [] };
  try {
    for (let sample = 1; sample <= samples; sample++) {
      const roundStarted = performance.now();
      for (const kind of Object.keys(MEASURE) as DelayKind[]) {
        try {
          delays[kind].push(Math.round(await MEASURE[kind](world, SAMPLE_TIMEOUT_MS)));
        } catch (error) {
          const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
          failures[kind].push(why);
          progress(`    ${DELAY_KIND_TITLES[kind]}, sample ${sample}: not observed (${why})`);
        }
      }
      if (sample % 10 === 0 || sample === samples) progress(`    ${sample} of ${samples} samples of each kind`);
      if (sample < samples) await sleep(ROUND_MS - (performance.now() - roundStarted));
    }
  } finally {
    await world.stop();
  }
  return {
    samplesPerKind: samples,
    kinds: {
      commission: { delays: summarizeDurations(delays.commission), failures: failures.commission },
      providerEvent: { delays: summarizeDurations(delays.providerEvent), failures: failures.providerEvent },
    },
    overall: summarizeDurations([...delays.commission, ...delays.providerEvent]),
  };
}
