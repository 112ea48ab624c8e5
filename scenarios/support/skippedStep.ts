import type { EvidenceRecorder, StepOptions } from '../../src/evidence/evidenceRecorder';
import { test } from '../../fixtures/index';

/**
 * A checklist step the target cannot perform: shown in the report and the flow record as a skipped step with the
 * reason (tagged with the checklist items it would have decided), and as an annotation on the test, never as a
 * silent pass.
 */
export async function skippedStep(evidence: EvidenceRecorder, title: string, reason: string, options: StepOptions = {}): Promise<void> {
  test.info().annotations.push({ type: 'skipped step', description: `${title.split(' ')[0]} ${reason}` });
  await evidence.skippedStep(title, reason, options);
}

/** How long the rehearsal watches for something that must NOT happen (a new invoice, a second charge). */
export function settleWindowMs(eventTimeoutMs: number): number {
  return Math.min(eventTimeoutMs, 5_000);
}

/** Unix seconds, one second early: the `created[gte]` bound that finds what a run created from now on. */
export function runStartedAt(): number {
  return Math.floor(Date.now() / 1000) - 1;
}
