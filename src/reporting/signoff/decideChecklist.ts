import type { ChecklistItem, ChecklistItemId, OutOfScope, PreflightReport } from '../../model/checklist/types';
import type { FlowRecord } from '../../run/evidence/flowRecord';
import { flowRecordPath } from '../../run/evidence/writeFlowRecord';
import { decideItem, type DecideContext } from './decideItem';
import type { ItemDecision } from './itemFindings';
import { wordItemVerdict } from './itemVerdictWords';
import type { ItemVerdict } from './types';

export interface DecideOptions {
  /** Where a flow's record lives, relative to the run directory; default `evidence/flows/<flow>--<testRunId>.json`. */
  flowHref?: (record: FlowRecord) => string;
  /** Why there is no preflight report; default "preflight did not run (no evidence/preflight.json)". */
  preflightMissingReason?: string;
  /** The run directory's copy of the Allure report, linked from items decided by flows; omitted when absent. */
  allureReportHref?: string;
  /**
   * Items not in this rehearsal's checklist (rehearsal.config.ts `checklist.skip`): each is skipped with that reason,
   * never counted as missing evidence; what ran for it anyway is linked, and its failures shown as warnings.
   */
  skipItems?: readonly ChecklistItemId[];
  /** The run's target (name or folder path), for the hint on items the target cannot rehearse. */
  target?: string;
}

/**
 * Decides every checklist item from the run's evidence, in catalogue order, and words each verdict
 * (src/reporting/signoff/itemVerdictWords.ts). decideChecklistItems gives the decisions as data.
 */
export function decideChecklist(
  catalog: readonly ChecklistItem[],
  preflight: PreflightReport | undefined,
  flows: FlowRecord[],
  options: DecideOptions = {},
): ItemVerdict[] {
  return decideChecklistItems(catalog, preflight, flows, options).map((decision) => wordItemVerdict(decision, options.target));
}

/**
 * Decides every checklist item from the run's evidence, in catalogue order, as findings and a status:
 * - an item of `checklist.skip`, or one the rehearsed target leaves out (every record of the run, its preflight
 *   report and its flows, says so: a payment-only merchant's referral items), is "not in this rehearsal", skipped with
 *   the reason; it never makes the run incomplete;
 * - a `manual` item awaits the signer's attestation;
 * - a failed preflight check of the item, a failed flow step tagged with it, or what one of its own rules finds
 *   (`rules`: for `request-ids-logged`, a recorded provider call without a request id) fails it; a step whose failure
 *   came from an assertion tagged with other items of the step (`evidence.check`) does not fail it: it did not
 *   decide it;
 * - a check `warning` is a warning, never a failure;
 * - a flow that was interrupted (stopped by a signal or its worker killed: status `interrupted`, from its record or
 *   its progress journal) decides nothing but the failures of its steps that ended before the interruption: its
 *   passed steps are evidence shown, not a pass (it did not get to the rest), and the step it was stopped in is
 *   nobody's failure;
 * - with nothing that decided it (preflight or the flows did not run, were interrupted, or all of it was skipped) it
 *   is skipped: `interrupted` when a flow deciding it was interrupted; `not-run` when evidence is missing;
 *   `target-gap` for a blocking item when some of it was skipped because the target cannot do it (a flow record's
 *   `skipKind`); else `with-reason` (an exemption: the item does not apply to this run);
 * - otherwise it passed (evidence that was skipped is a warning).
 */
export function decideChecklistItems(
  catalog: readonly ChecklistItem[],
  preflight: PreflightReport | undefined,
  flows: FlowRecord[],
  options: DecideOptions = {},
): ItemDecision[] {
  const context: DecideContext = {
    preflight,
    flows,
    flowHref: options.flowHref ?? ((record) => flowRecordPath('', record).split('\\').join('/')),
    preflightMissingReason: options.preflightMissingReason ?? 'preflight did not run (no evidence/preflight.json)',
    allureReportHref: options.allureReportHref,
    preflightStoppedFlows: flows.length === 0 && blockingPreflightFailed(catalog, preflight),
    skipItems: new Set(options.skipItems ?? []),
    outOfScope: itemsOutOfScope(preflight, flows),
  };
  return catalog.map((item) => decideItem(item, context));
}

/**
 * The items the rehearsed target leaves out (OutOfScope), when every record of the run says so: its preflight report
 * and every flow record. A run that mixed targets (one with a referral programme) decides them from the evidence.
 */
function itemsOutOfScope(preflight: PreflightReport | undefined, flows: FlowRecord[]): Map<ChecklistItemId, string> {
  const records: Array<OutOfScope[] | undefined> = [
    ...(preflight ? [preflight.outOfScope] : []),
    ...flows.map((record) => record.outOfScope),
  ];
  const leftOut = new Map<ChecklistItemId, string>();
  if (records.length === 0) return leftOut;
  const [first, ...others] = records.map(
    (scopes) => new Map((scopes ?? []).flatMap((scope) => scope.items.map((id) => [id, scope.reason] as const))),
  );
  for (const [id, reason] of first!) {
    if (others.every((record) => record.has(id))) leftOut.set(id, reason);
  }
  return leftOut;
}

function blockingPreflightFailed(catalog: readonly ChecklistItem[], preflight: PreflightReport | undefined): boolean {
  if (!preflight) return false;
  const blocking = new Set(catalog.filter((item) => item.severity === 'blocking').map((item) => item.id));
  return preflight.results.some((result) => result.status === 'failed' && blocking.has(result.item));
}
