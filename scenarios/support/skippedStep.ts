import { test } from '../../fixtures/index';

/**
 * A checklist step the target cannot perform: shown in the report as a skipped step with the reason, and as an
 * annotation on the test, never as a silent pass.
 */
export async function skippedStep(title: string, reason: string): Promise<void> {
  test.info().annotations.push({ type: 'skipped step', description: `${title.split(' ')[0]} ${reason}` });
  await test.step(title, async (step) => {
    step.skip(true, reason);
  });
}

/** How long the rehearsal watches for something that must NOT happen (a new invoice, a second charge). */
export function settleWindowMs(eventTimeoutMs: number): number {
  return Math.min(eventTimeoutMs, 5_000);
}

/** Unix seconds, one second early: the `created[gte]` bound that finds what a run created from now on. */
export function runStartedAt(): number {
  return Math.floor(Date.now() / 1000) - 1;
}
