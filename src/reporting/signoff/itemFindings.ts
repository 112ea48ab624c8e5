import type { CheckId, CheckStatus, ChecklistItem, ChecklistItemId, PreflightReport } from '../../model/checklist/types';
import type { FlowRecord, FlowStatus } from '../../run/evidence/flowRecord';
import type { ItemStatus, SkipKind } from './types';

/**
 * What the run's evidence says about one checklist item, as data: what failed, what was expected but is missing,
 * what passed, and the evidence behind it. Deciding reads it; src/reporting/signoff/itemVerdictWords.ts words it.
 * Texts kept here (summaries, errors, step titles) are one line each, as found.
 */
export interface ItemFindings {
  failures: Failure[];
  /** Evidence that was expected but skipped or absent, in the order found. */
  gaps: Gap[];
  warnings: Warning[];
  passes: Passes;
  evidence: EvidenceFinding[];
}

/** Something that disproves the item. */
export type Failure =
  | { kind: 'check-failed'; check: CheckId; summary: string }
  | { kind: 'step-failed'; flow: string; step: string | undefined; error: string | undefined }
  | { kind: 'calls-without-request-id'; withoutId: number; total: number; first: RecordedCall };

/** A provider call a flow recorded, as a finding names it. */
export interface RecordedCall {
  method: string;
  path: string;
  flow: string;
}

/** Shown with the verdict, never deciding it. */
export type Warning =
  | { kind: 'check-warned'; check: CheckId; summary: string }
  | { kind: 'flow-failed-outside-steps'; flow: string; status: FlowStatus; error: string | undefined };

/**
 * What a gap means for deciding an item nothing else decided: `not-run` (evidence simply missing), `target-gap` (the
 * target cannot do it), `interrupted` (a flow was stopped), `with-reason` (it does not apply to this run).
 */
export type GapCause = 'not-run' | 'target-gap' | 'interrupted' | 'with-reason';

/** Evidence the item expected but did not get, and why. */
export type Gap = { cause: GapCause } & (
  | { kind: 'preflight-missing'; reason: string }
  | { kind: 'check-not-run'; check: CheckId }
  | { kind: 'check-skipped'; check: CheckId; summary: string }
  | { kind: 'flow-skipped'; flow: string; reason: string | undefined }
  | { kind: 'flow-failed-before-steps'; flow: string; status: FlowStatus; error: string | undefined }
  | { kind: 'flow-tagged-no-step'; flow: string }
  | { kind: 'flows-not-run'; flows: string[]; becausePreflightFailed: boolean }
  | { kind: 'flow-interrupted'; flow: string; during: string | undefined; passedSteps: number }
  | { kind: 'step-stopped-by-other-items'; flow: string; step: string | undefined; others: ChecklistItemId[] }
  | { kind: 'step-interrupted'; flow: string; step: string | undefined }
  | { kind: 'step-skipped'; flow: string; step: string | undefined; reason: string | undefined }
);

/** What positively decided the item. */
export interface Passes {
  checks: CheckId[];
  warnedChecks: CheckId[];
  steps: number;
  /** The flows those steps passed in, each once, in the order found. */
  stepFlows: string[];
  /** Recorded provider calls that carried a request id (0 when any call lacked one). */
  callsWithRequestId: number;
}

/** A piece of evidence the verdict links to; `href` is relative to the run directory. */
export type EvidenceFinding =
  | { kind: 'check-result'; check: CheckId; status: CheckStatus; href: string }
  | { kind: 'flow'; flow: string; status: FlowStatus; href: string }
  | { kind: 'flow-calls-without-request-id'; flow: string; href: string }
  | { kind: 'screenshot'; name: string; href: string }
  | { kind: 'allure-report'; href: string };

/** An item decided, before any words: its status and the findings that decided it. */
export interface ItemDecision {
  item: ChecklistItem;
  status: ItemStatus;
  /** For a skipped item: why it was not decided (see ItemVerdict.skipKind). */
  skipKind?: SkipKind;
  /** For an item not in this rehearsal: left out by `checklist.skip`, or by the target (with the reason it records). */
  leftOut?: { by: 'checklist-skip' } | { by: 'target'; reason: string };
  /**
   * For an item that passed on what the harness could see, but whose flows sent webhooks it could not see delivered
   * (a platform without a delivery log): what the operator attests instead, so it awaits attestation, not a pass.
   */
  attest?: string;
  findings: ItemFindings;
}

/** What finding the evidence of one item needs to know about the run. */
export interface FindingContext {
  preflight: PreflightReport | undefined;
  flows: FlowRecord[];
  flowHref: (record: FlowRecord) => string;
  preflightMissingReason: string;
  allureReportHref: string | undefined;
  /** No flow record, and a blocking preflight item failed: the `preflight` setup test failed, so no flow ran. */
  preflightStoppedFlows: boolean;
}

export function emptyFindings(): ItemFindings {
  return {
    failures: [],
    gaps: [],
    warnings: [],
    passes: { checks: [], warnedChecks: [], steps: 0, stepFlows: [], callsWithRequestId: 0 },
    evidence: [],
  };
}
