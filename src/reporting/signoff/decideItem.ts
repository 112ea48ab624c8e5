import type { ChecklistItem, ChecklistItemId } from '../../model/checklist/types';
import { findCheckEvidence } from './checkFindings';
import { findFlowEvidence } from './flowFindings';
import { emptyFindings, type FindingContext, type ItemDecision, type ItemFindings } from './itemFindings';
import { ruleFindersOf } from './itemRules';
import { EVERY_EVENT_DELIVERED_ITEM, unobservedOf } from './deliveryEvidence';
import { unobservedAttestation } from './unobservedAttestation';

/** What deciding needs to know about the run beyond its evidence. */
export interface DecideContext extends FindingContext {
  /** Items of rehearsal.config.ts `checklist.skip`. */
  skipItems: ReadonlySet<ChecklistItemId>;
  /** Items every record of the run leaves out of the rehearsal, with the reason. */
  outOfScope: ReadonlyMap<ChecklistItemId, string>;
}

/**
 * Decides one item from the run's evidence (decideChecklist describes the rules), as findings and a status, before
 * any words.
 */
export function decideItem(item: ChecklistItem, context: DecideContext): ItemDecision {
  if (context.skipItems.has(item.id)) return notInRehearsal(item, context, { by: 'checklist-skip' });
  const leftOut = context.outOfScope.get(item.id);
  if (leftOut !== undefined) return notInRehearsal(item, context, { by: 'target', reason: leftOut });
  if (item.manual !== undefined) return { item, status: 'awaiting-attestation', findings: emptyFindings() };

  const findings = emptyFindings();
  const rules = ruleFindersOf(item);
  findCheckEvidence(item, context, findings);
  findFlowEvidence(item, context, findings, rules);
  for (const rule of rules) rule.find(context, findings);

  if (findings.failures.length > 0) return { item, status: 'failed', findings };
  if (decidedBySomething(findings)) {
    // What passed is what the harness saw; webhooks it could not see delivered are the operator's to attest.
    const unseen = item.id === EVERY_EVENT_DELIVERED_ITEM ? unobservedOf(item, context.flows) : [];
    if (unseen.length > 0) return { item, status: 'awaiting-attestation', attest: unobservedAttestation(unseen), findings };
    return { item, status: 'passed', findings };
  }
  return { item, status: 'skipped', skipKind: whyUndecided(item, findings), findings };
}

/**
 * An item not in this rehearsal: skipped with the reason, whatever ran for it; what ran is still found, so its
 * failures can be shown as warnings.
 */
function notInRehearsal(item: ChecklistItem, context: DecideContext, leftOut: ItemDecision['leftOut']): ItemDecision {
  const findings = emptyFindings();
  if (item.manual === undefined) {
    findCheckEvidence(item, context, findings);
    findFlowEvidence(item, context, findings, ruleFindersOf(item));
  }
  return { item, status: 'skipped', skipKind: 'with-reason', leftOut, findings };
}

function decidedBySomething({ passes }: ItemFindings): boolean {
  return passes.checks.length + passes.warnedChecks.length + passes.steps + passes.callsWithRequestId > 0;
}

/**
 * Why nothing decided the item: a flow deciding it was interrupted; else evidence is missing (or there was none to
 * have); else, for a blocking item, the target cannot do some of it; else every decider said why it does not apply.
 */
function whyUndecided(item: ChecklistItem, { gaps }: ItemFindings): ItemDecision['skipKind'] {
  if (gaps.some((gap) => gap.cause === 'interrupted')) return 'interrupted';
  if (gaps.length === 0 || gaps.some((gap) => gap.cause === 'not-run')) return 'not-run';
  if (gaps.some((gap) => gap.cause === 'target-gap') && item.severity === 'blocking') return 'target-gap';
  return 'with-reason';
}
