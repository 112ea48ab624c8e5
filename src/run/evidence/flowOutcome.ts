import type { TestInfo } from '@playwright/test';
import { errorLine } from './errorLine';
import type { FlowOutcome } from './flowRecorder';

/**
 * The annotation a scenario adds with `test.skip(reason)` when the target cannot run it (fixtures/journey/skippedStep.ts
 * `skipTestForTargetGap`): the flow record marks the skip `skipKind: 'target-gap'`, not an exemption.
 */
export const TARGET_GAP_ANNOTATION = 'target gap';

/**
 * How the test ended, read at fixture teardown (after `use`, when Playwright has set the status): the status, the
 * reason of its `skip` annotation (and whether it was a target gap), and its first error as one redacted line.
 */
export function flowOutcome(testInfo: Pick<TestInfo, 'status' | 'annotations' | 'errors'>): FlowOutcome {
  const status = testInfo.status ?? 'passed';
  const outcome: FlowOutcome = { status };
  if (status === 'skipped') {
    const skip = testInfo.annotations.find((annotation) => annotation.type === 'skip');
    outcome.skipReason = skip?.description?.trim() || 'skipped without a reason';
    if (testInfo.annotations.some((annotation) => annotation.type === TARGET_GAP_ANNOTATION)) outcome.skipKind = 'target-gap';
  }
  const first = testInfo.errors[0];
  if (first && status !== 'passed' && status !== 'skipped') outcome.error = errorLine(first.message ?? first.value ?? 'unknown error');
  return outcome;
}
