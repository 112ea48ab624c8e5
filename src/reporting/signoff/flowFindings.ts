import { decidedByFlow } from '../../model/checklist/itemFlows';
import type { ChecklistItem } from '../../model/checklist/types';
import type { FlowRecord, StepRecord } from '../../run/evidence/flowRecord';
import type { FindingContext, ItemFindings } from './itemFindings';
import type { ItemRuleFinder } from './itemRules';
import { firstLine } from './text';

const MAX_SCREENSHOTS_PER_ITEM = 4;

/**
 * What the flow records say about the item: its tagged steps in every flow that names it or tagged a step with it,
 * and each flow it names that did not run. `rules` are the item's own rules (a flow they decide needs no step).
 */
export function findFlowEvidence(
  item: ChecklistItem,
  context: FindingContext,
  findings: ItemFindings,
  rules: readonly ItemRuleFinder[] = [],
): void {
  const involved = context.flows.filter((record) => decidedByFlow(item, record.flow) || taggedSteps(record, item).length > 0);
  for (const record of involved) {
    const steps = taggedSteps(record, item);
    findings.evidence.push({ kind: 'flow', flow: record.flow, status: record.status, href: context.flowHref(record) });
    if (record.status === 'interrupted') {
      findInterruptedFlow(record, steps, item, findings);
      continue;
    }
    if (steps.length === 0) {
      if (!rules.some((rule) => rule.decidesWithoutSteps(record))) findings.gaps.push(flowWithoutSteps(record));
      continue;
    }
    for (const step of steps) findStep(record, step, item, findings);
    if (steps.every((step) => step.status !== 'failed') && isFailure(record.status)) {
      findings.warnings.push({
        kind: 'flow-failed-outside-steps',
        flow: record.flow,
        status: record.status,
        error: firstLine(record.error),
      });
    }
    linkScreenshots(record, steps, findings);
  }
  const missing = (item.flows ?? []).filter((flow) => !context.flows.some((record) => record.flow === flow));
  if (missing.length > 0) {
    findings.gaps.push({
      kind: 'flows-not-run',
      flows: missing,
      becausePreflightFailed: context.preflightStoppedFlows,
      cause: 'not-run',
    });
  }
  if (involved.length > 0 && context.allureReportHref) {
    findings.evidence.push({ kind: 'allure-report', href: context.allureReportHref });
  }
}

/**
 * A flow stopped before it finished: the failures of its steps that ended before the interruption stand; the rest
 * decides nothing, its passed steps and their screenshots shown as evidence.
 */
function findInterruptedFlow(record: FlowRecord, steps: StepRecord[], item: ChecklistItem, findings: ItemFindings): void {
  for (const step of steps.filter((candidate) => candidate.status === 'failed')) findStep(record, step, item, findings);
  const passedSteps = steps.filter((step) => step.status === 'passed').length;
  const during = firstLine(record.interruptedDuring);
  findings.gaps.push({ kind: 'flow-interrupted', flow: record.flow, during, passedSteps, cause: 'interrupted' });
  linkScreenshots(record, steps, findings);
}

function findStep(record: FlowRecord, step: StepRecord, item: ChecklistItem, findings: ItemFindings): void {
  const at = { flow: record.flow, step: firstLine(step.title) };
  const failedOthers = step.status === 'failed' && step.failedItems && step.failedItems.length > 0 && !step.failedItems.includes(item.id);
  if (failedOthers) {
    // The step failed on another item's own assertion: it disproves nothing of this item, nor finished deciding it.
    findings.gaps.push({ kind: 'step-stopped-by-other-items', ...at, others: step.failedItems!, cause: 'not-run' });
  } else if (step.status === 'failed') {
    findings.failures.push({ kind: 'step-failed', ...at, error: firstLine(step.error) ?? firstLine(record.error) });
  } else if (step.status === 'interrupted') {
    // The test was stopped in this step: it neither passed nor failed.
    findings.gaps.push({ kind: 'step-interrupted', ...at, cause: 'interrupted' });
  } else if (step.status === 'skipped') {
    const cause = step.skipKind === 'target-gap' ? 'target-gap' : 'with-reason';
    findings.gaps.push({ kind: 'step-skipped', ...at, reason: firstLine(step.skipReason), cause });
  } else {
    findings.passes.steps += 1;
    if (!findings.passes.stepFlows.includes(record.flow)) findings.passes.stepFlows.push(record.flow);
  }
}

function taggedSteps(record: FlowRecord, item: ChecklistItem): StepRecord[] {
  return record.steps.filter((step) => step.checklist.includes(item.id));
}

/** A flow that names the item but tagged no step with it: skipped, failed before its steps, or passed without them. */
function flowWithoutSteps(record: FlowRecord): ItemFindings['gaps'][number] {
  if (record.status === 'skipped') {
    const cause = !record.skipReason ? 'not-run' : record.skipKind === 'target-gap' ? 'target-gap' : 'with-reason';
    return { kind: 'flow-skipped', flow: record.flow, reason: firstLine(record.skipReason), cause };
  }
  if (isFailure(record.status)) {
    return {
      kind: 'flow-failed-before-steps',
      flow: record.flow,
      status: record.status,
      error: firstLine(record.error),
      cause: 'not-run',
    };
  }
  return { kind: 'flow-tagged-no-step', flow: record.flow, cause: 'not-run' };
}

function linkScreenshots(record: FlowRecord, steps: StepRecord[], findings: ItemFindings): void {
  const titles = new Set(steps.map((step) => step.title));
  const shots = record.screenshots.filter((shot) => shot.step !== undefined && titles.has(shot.step));
  for (const shot of shots.slice(0, MAX_SCREENSHOTS_PER_ITEM)) {
    findings.evidence.push({ kind: 'screenshot', name: shot.name, href: shot.file });
  }
}

/** The flow failed or timed out (an interrupted flow is judged apart: it is no one's failure). */
export function isFailure(status: FlowRecord['status']): boolean {
  return status === 'failed' || status === 'timedOut';
}
