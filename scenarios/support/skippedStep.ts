import type { EvidenceRecorder, SkippedStepOptions } from '../../src/run/evidence/evidenceRecorder';
import { TARGET_GAP_ANNOTATION } from '../../src/run/evidence/flowOutcome';
import { test } from '../../fixtures/index';

/**
 * A checklist step the flow cannot perform: shown in the report and the flow record as a skipped step with the
 * reason (tagged with the checklist items it would have decided), and as an annotation on the test, never as a
 * silent pass. Pass `targetGap: true` when the reason is the target's lack (targetAbility.ts): the sign-off then
 * counts it as not rehearsed, not as an exemption.
 */
export async function skippedStep(evidence: EvidenceRecorder, title: string, reason: string, options: SkippedStepOptions = {}): Promise<void> {
  test.info().annotations.push({ type: 'skipped step', description: `${title.split(' ')[0]} ${reason}` });
  await evidence.skippedStep(title, reason, options);
}

/**
 * Skips the whole test when the target cannot run it (`reason` from targetAbility.ts; nothing happens when it is
 * undefined), marked as a target gap: a blocking item left without evidence makes the sign-off INCOMPLETE, unlike
 * an exemption (a plain `test.skip`, e.g. live mode).
 */
export function skipTestForTargetGap(reason: string | undefined): void {
  if (reason === undefined) return;
  test.info().annotations.push({
    type: TARGET_GAP_ANNOTATION,
    description: "not rehearsed: implement what the skip reason names in the target, or list this flow's checklist items in rehearsal.config.ts checklist.skip",
  });
  test.skip(true, reason);
}

/** Unix seconds, one second early: the `created[gte]` bound that finds what a run created from now on. */
export function runStartedAt(): number {
  return Math.floor(Date.now() / 1000) - 1;
}
