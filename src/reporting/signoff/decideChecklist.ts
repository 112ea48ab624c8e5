import { NOT_IN_REHEARSAL_PREFIX, notInRehearsal } from '../../model/checklist/rehearsalScope';
import type { ChecklistItem, CheckResult, OutOfScope, PreflightReport } from '../../model/checklist/types';
import { NOT_IN_CHECKLIST_REASON } from '../../model/config/checklistSkip';
import { redactText } from '../../base/redact';
import type { FlowRecord, StepRecord } from '../../run/evidence/flowRecord';
import { flowRecordPath } from '../../run/evidence/writeFlowRecord';
import { targetGapHint } from './targetGapHint';
import { firstLine, plural, sentence } from './text';
import type { EvidenceLink, ItemVerdict } from './types';

export interface DecideOptions {
  /** Where a flow's record lives, relative to the run directory; default `evidence/flows/<flow>--<testRunId>.json`. */
  flowHref?: (record: FlowRecord) => string;
  /** Why there is no preflight report, when there is none; default "preflight did not run (no evidence/preflight.json)". */
  preflightMissingReason?: string;
  /** The run directory's copy of the Allure report, linked from items decided by flows; omitted when absent. */
  allureReportHref?: string;
  /**
   * Items not in this rehearsal's checklist (rehearsal.config.ts `checklist.skip`): each is skipped with that reason,
   * never counted as missing evidence; what ran for it anyway is linked, and its failures shown as warnings.
   */
  skipItems?: readonly string[];
  /** The run's target (name or folder path), for the hint on items the target cannot rehearse. */
  target?: string;
}

/** The item that is also decided by every recorded provider call (each must carry a request id). */
const REQUEST_IDS_ITEM = 'request-ids-logged';
const MAX_FAILURES_IN_REASON = 3;
const MAX_SCREENSHOTS_PER_ITEM = 4;

/**
 * Decides every checklist item from the run's evidence, in catalogue order:
 * - an item of `checklist.skip`, or one the rehearsed target leaves out (every record of the run, its preflight
 *   report and its flows, says so: a payment-only merchant's referral items), is "not in this rehearsal", skipped with
 *   the reason; it never makes the run incomplete;
 * - a `manual` item awaits the signer's attestation;
 * - a failed preflight check of the item, or a failed flow step tagged with it, fails it (for `request-ids-logged`
 *   also a recorded provider call without a request id); a step whose failure came from an assertion tagged with
 *   other items of the step (`evidence.check`) does not fail it: it did not decide it;
 * - a check `warning` is a warning, never a failure;
 * - a flow that was interrupted (stopped by a signal or its worker killed: status `interrupted`, from its record or
 *   its progress journal) decides nothing but the failures of its steps that ended before the interruption: its
 *   passed steps are evidence shown, not a pass (it did not get to the rest), and the step it was stopped in is nobody's
 *   failure;
 * - with nothing that decided it (preflight or the flows did not run, were interrupted, or all of it was skipped) it
 *   is skipped, with each distinct reason once: `interrupted` ("Not decided: …") when a flow deciding it was
 *   interrupted; `not-run` when evidence is missing; `target-gap` for a blocking item when some of it was skipped
 *   because the target cannot do it (a flow record's `skipKind`), with a hint; else `with-reason` (an exemption: the
 *   item does not apply to this run);
 * - otherwise it passed (evidence that was skipped is a warning).
 */
export function decideChecklist(
  catalog: readonly ChecklistItem[],
  preflight: PreflightReport | undefined,
  flows: FlowRecord[],
  options: DecideOptions = {},
): ItemVerdict[] {
  const context: DecideContext = {
    preflight,
    flows,
    flowHref: options.flowHref ?? ((record) => flowRecordPath('', record).split('\\').join('/')),
    preflightMissingReason: options.preflightMissingReason ?? 'preflight did not run (no evidence/preflight.json)',
    allureReportHref: options.allureReportHref,
    preflightStoppedFlows: flows.length === 0 && blockingPreflightFailed(catalog, preflight),
    skipItems: new Set(options.skipItems ?? []),
    outOfScope: itemsOutOfScope(preflight, flows),
    target: options.target,
  };
  return catalog.map((item) => decideItem(item, context));
}

interface DecideContext {
  preflight: PreflightReport | undefined;
  flows: FlowRecord[];
  flowHref: (record: FlowRecord) => string;
  preflightMissingReason: string;
  allureReportHref: string | undefined;
  /** No flow record, and a blocking preflight item failed: the `preflight` setup test failed, so no flow ran. */
  preflightStoppedFlows: boolean;
  skipItems: ReadonlySet<string>;
  /** Items every record of the run leaves out of the rehearsal, with the reason. */
  outOfScope: ReadonlyMap<string, string>;
  target: string | undefined;
}

/** What the evidence says about one item, gathered before deciding. */
interface Findings {
  failures: string[];
  /** Evidence that was expected but skipped or absent, each as a clause ("keys.mode skipped: …"). */
  notRehearsed: string[];
  /** How many of those are absent rather than skipped with a reason (preflight or a flow did not run). */
  notRun: number;
  /** How many of those were skipped because the target cannot do it (`skipKind: 'target-gap'`). */
  targetGaps: number;
  /** How many of those are flows that were interrupted before they finished. */
  interrupted: number;
  warnings: string[];
  passedChecks: string[];
  warnedChecks: string[];
  passedSteps: number;
  passedStepFlows: Set<string>;
  requestsWithId: number;
  evidence: EvidenceLink[];
}

function decideItem(item: ChecklistItem, context: DecideContext): ItemVerdict {
  if (context.skipItems.has(item.id)) return notInChecklist(item, context, NOT_IN_CHECKLIST_REASON);
  const leftOut = context.outOfScope.get(item.id);
  if (leftOut !== undefined) return notInChecklist(item, context, notInRehearsal(leftOut));
  if (item.manual !== undefined) {
    return { item, status: 'awaiting-attestation', reason: sentence(redactText(item.manual)), warnings: [], evidence: [] };
  }
  const findings = emptyFindings();
  judgeChecks(item, context, findings);
  judgeFlows(item, context, findings);
  if (item.id === REQUEST_IDS_ITEM) judgeRequestIds(context, findings);

  const evidence = uniqueLinks(findings.evidence);
  const warnings = distinct(findings.warnings.map((warning) => sentence(redactText(warning))));
  if (findings.failures.length > 0) {
    return { item, status: 'failed', reason: failureReason(findings.failures), warnings: [...warnings, ...notRehearsedWarnings(findings)], evidence };
  }
  const decided =
    findings.passedChecks.length + findings.warnedChecks.length + findings.passedSteps + findings.requestsWithId > 0;
  if (!decided) {
    // Several tests skipped for the same reason (the four declines) say it once.
    const clauses = distinct(findings.notRehearsed);
    const why = clauses.length > 0 ? clauses.join('; ') : 'no check or flow step decides it';
    if (findings.interrupted > 0) {
      return { item, status: 'skipped', reason: sentence(redactText(`Not decided: ${why}`)), warnings, evidence, skipKind: 'interrupted' };
    }
    const reason = sentence(redactText(`Not rehearsed: ${why}`));
    if (findings.notRun > 0 || clauses.length === 0) return { item, status: 'skipped', reason, warnings, evidence, skipKind: 'not-run' };
    if (findings.targetGaps > 0 && item.severity === 'blocking') {
      const hint = targetGapHint(context.target, [item.id]);
      return { item, status: 'skipped', reason, warnings, evidence, skipKind: 'target-gap', hint };
    }
    return { item, status: 'skipped', reason, warnings, evidence, skipKind: 'with-reason' };
  }
  return { item, status: 'passed', reason: passReason(findings), warnings: [...warnings, ...notRehearsedWarnings(findings)], evidence };
}

/**
 * An item not in this rehearsal (`checklist.skip`, or left out by the target): skipped with `reason`, whatever ran
 * for it; failures of what ran are warnings.
 */
function notInChecklist(item: ChecklistItem, context: DecideContext, reason: string): ItemVerdict {
  const findings = emptyFindings();
  if (item.manual === undefined) {
    judgeChecks(item, context, findings);
    judgeFlows(item, context, findings);
  }
  const warnings = distinct(findings.failures.map((failure) => sentence(redactText(`Ran anyway and failed: ${failure}`))));
  return {
    item,
    status: 'skipped',
    reason: sentence(reason),
    warnings,
    evidence: uniqueLinks(findings.evidence),
    skipKind: 'with-reason',
  };
}

function emptyFindings(): Findings {
  return {
    failures: [],
    notRehearsed: [],
    notRun: 0,
    targetGaps: 0,
    interrupted: 0,
    warnings: [],
    passedChecks: [],
    warnedChecks: [],
    passedSteps: 0,
    passedStepFlows: new Set(),
    requestsWithId: 0,
    evidence: [],
  };
}

// ── Preflight checks ─────────────────────────────────────────────────────────────────────────────────────────────

function judgeChecks(item: ChecklistItem, context: DecideContext, findings: Findings): void {
  const expected = item.checks ?? [];
  if (expected.length === 0) return;
  if (!context.preflight) {
    findings.notRehearsed.push(context.preflightMissingReason);
    findings.notRun += 1;
    return;
  }
  const results = checkResultsFor(item, context.preflight.results);
  for (const check of expected) {
    if (!results.some((result) => result.check === check)) {
      findings.notRehearsed.push(`preflight check ${check} did not run`);
      findings.notRun += 1;
    }
  }
  for (const result of results) {
    const summary = firstLine(result.summary) ?? result.status;
    findings.evidence.push({ label: `Preflight check ${result.check}: ${result.status}`, href: `evidence/preflight.json#${result.check}` });
    if (result.status === 'failed') findings.failures.push(`${result.check}: ${summary}`);
    else if (result.status === 'warning') {
      findings.warnedChecks.push(result.check);
      findings.warnings.push(`${result.check}: ${summary}`);
    } else if (result.status === 'skipped') {
      // A check left out with the part of the integration the target does not have (a payment-only merchant's ping
      // through the referral platform) is no gap in an item its other checks decide.
      if (!summary.startsWith(`Not checked: ${NOT_IN_REHEARSAL_PREFIX}`)) findings.notRehearsed.push(`${result.check} skipped: ${summary}`);
    }
    else findings.passedChecks.push(result.check);
  }
}

/**
 * The results that decide the item: those naming it, plus, for each of the item's checks that named no result for
 * it, every result of that check (one check, such as provider.catalogue, may decide two items but name only one).
 */
function checkResultsFor(item: ChecklistItem, results: CheckResult[]): CheckResult[] {
  const direct = results.filter((result) => result.item === item.id);
  const covered = new Set(direct.map((result) => result.check));
  const byCheck = results.filter(
    (result) => result.item !== item.id && !covered.has(result.check) && (item.checks ?? []).includes(result.check),
  );
  return [...direct, ...byCheck];
}

/**
 * The items the rehearsed target leaves out (OutOfScope), when every record of the run says so: its preflight report
 * and every flow record. A run that mixed targets (one with a referral programme) decides them from the evidence.
 */
function itemsOutOfScope(preflight: PreflightReport | undefined, flows: FlowRecord[]): Map<string, string> {
  const records: Array<OutOfScope[] | undefined> = [...(preflight ? [preflight.outOfScope] : []), ...flows.map((record) => record.outOfScope)];
  const leftOut = new Map<string, string>();
  if (records.length === 0) return leftOut;
  const [first, ...others] = records.map((scopes) => new Map((scopes ?? []).flatMap((scope) => scope.items.map((id) => [id, scope.reason] as const))));
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

// ── Flow steps ───────────────────────────────────────────────────────────────────────────────────────────────────

function judgeFlows(item: ChecklistItem, context: DecideContext, findings: Findings): void {
  const decidingFlows = item.flows ?? [];
  const involved = context.flows.filter(
    (record) => decidingFlows.includes(record.flow) || taggedSteps(record, item).length > 0,
  );
  for (const record of involved) {
    const steps = taggedSteps(record, item);
    findings.evidence.push({ label: `Flow ${record.flow}: ${statusWord(record.status)}`, href: context.flowHref(record) });
    if (record.status === 'interrupted') {
      judgeInterruptedFlow(record, steps, item, findings);
      continue;
    }
    if (steps.length === 0) {
      // request-ids-logged is decided by the record's provider calls, not by tagged steps.
      const decidedByCalls = item.id === REQUEST_IDS_ITEM && record.providerRequests.length > 0;
      if (!decidedByCalls) {
        findings.notRehearsed.push(flowWithoutSteps(record));
        if (record.status !== 'skipped' || !record.skipReason) findings.notRun += 1;
        else if (record.skipKind === 'target-gap') findings.targetGaps += 1;
      }
      continue;
    }
    for (const step of steps) judgeStep(record, step, item, findings);
    if (steps.every((step) => step.status !== 'failed') && isFailure(record.status)) {
      const error = firstLine(record.error);
      findings.warnings.push(`the ${record.flow} flow ${statusWord(record.status)} outside this item's steps${error ? `: ${error}` : ''}`);
    }
    linkScreenshots(record, steps, findings);
  }
  const missing = decidingFlows.filter((flow) => !context.flows.some((record) => record.flow === flow));
  if (missing.length > 0) {
    const names = missing.join(', ');
    const why = context.preflightStoppedFlows ? 'a blocking preflight check failed, so no flow ran' : 'no flow record in this run';
    findings.notRehearsed.push(`${missing.length === 1 ? 'the flow' : 'the flows'} ${names} did not run (${why})`);
    findings.notRun += 1;
  }
  if (involved.length > 0 && context.allureReportHref) {
    findings.evidence.push({ label: 'Allure report (every step and attachment)', href: context.allureReportHref });
  }
}

/**
 * A flow stopped before it finished: the failures of its steps that ended before the interruption stand; the rest
 * decides nothing ("the flow was interrupted during …"), its passed steps and their screenshots shown as evidence.
 */
function judgeInterruptedFlow(record: FlowRecord, steps: StepRecord[], item: ChecklistItem, findings: Findings): void {
  for (const step of steps.filter((candidate) => candidate.status === 'failed')) judgeStep(record, step, item, findings);
  const passed = steps.filter((step) => step.status === 'passed').length;
  const during = firstLine(record.interruptedDuring);
  const before = passed > 0 ? `; ${plural(passed, 'step', 'steps')} for this item passed before that, which decides nothing on its own` : '';
  findings.notRehearsed.push(`the ${record.flow} flow was interrupted${during ? ` during step "${during}"` : ''}${before}`);
  findings.interrupted += 1;
  linkScreenshots(record, steps, findings);
}

function judgeStep(record: FlowRecord, step: StepRecord, item: ChecklistItem, findings: Findings): void {
  const where = `${record.flow} › ${firstLine(step.title) ?? 'untitled step'}`;
  const others = step.status === 'failed' && step.failedItems && step.failedItems.length > 0 && !step.failedItems.includes(item.id) ? step.failedItems : undefined;
  if (others) {
    // The step failed on another item's own assertion: it disproves nothing of this item, and did not finish deciding it.
    findings.notRehearsed.push(`${where} stopped at a failure of ${others.join(', ')} before it decided this item`);
    findings.notRun += 1;
  } else if (step.status === 'failed') {
    findings.failures.push(`${where}: ${firstLine(step.error) ?? firstLine(record.error) ?? 'the step failed'}`);
  } else if (step.status === 'interrupted') {
    // The test was stopped in this step: it neither passed nor failed.
    findings.notRehearsed.push(`${where} was interrupted`);
    findings.interrupted += 1;
  } else if (step.status === 'skipped') {
    const reason = firstLine(step.skipReason);
    findings.notRehearsed.push(`${where} was skipped${reason ? `: ${reason}` : ''}`);
    if (step.skipKind === 'target-gap') findings.targetGaps += 1;
  } else {
    findings.passedSteps += 1;
    findings.passedStepFlows.add(record.flow);
  }
}

function taggedSteps(record: FlowRecord, item: ChecklistItem): StepRecord[] {
  return record.steps.filter((step) => step.checklist.includes(item.id));
}

function flowWithoutSteps(record: FlowRecord): string {
  if (record.status === 'skipped') {
    return `the ${record.flow} flow was skipped${record.skipReason ? `: ${firstLine(record.skipReason)}` : ''}`;
  }
  if (isFailure(record.status)) {
    const error = firstLine(record.error);
    return `the ${record.flow} flow ${statusWord(record.status)} before reaching this item's steps${error ? `: ${error}` : ''}`;
  }
  return `the ${record.flow} flow passed but tagged no step with this item`;
}

function linkScreenshots(record: FlowRecord, steps: StepRecord[], findings: Findings): void {
  const titles = new Set(steps.map((step) => step.title));
  const shots = record.screenshots.filter((shot) => shot.step !== undefined && titles.has(shot.step));
  for (const shot of shots.slice(0, MAX_SCREENSHOTS_PER_ITEM)) {
    findings.evidence.push({ label: `Screenshot: ${shot.name}`, href: shot.file });
  }
}

/** The flow failed or timed out (an interrupted flow is judged apart: it is no one's failure). */
function isFailure(status: FlowRecord['status']): boolean {
  return status === 'failed' || status === 'timedOut';
}

function statusWord(status: FlowRecord['status']): string {
  return status === 'timedOut' ? 'timed out' : status;
}

// ── Request ids ──────────────────────────────────────────────────────────────────────────────────────────────────

function judgeRequestIds(context: DecideContext, findings: Findings): void {
  const calls = context.flows.flatMap((record) => record.providerRequests.map((request) => ({ record, request })));
  const withoutId = calls.filter(({ request }) => !request.requestId);
  findings.requestsWithId = calls.length - withoutId.length;
  if (withoutId.length === 0) return;
  const first = withoutId[0]!;
  findings.failures.push(
    `${withoutId.length} of ${plural(calls.length, 'recorded provider call')} had no request id ` +
      `(first: ${first.request.method} ${first.request.path} in the ${first.record.flow} flow)`,
  );
  for (const record of new Set(withoutId.map(({ record }) => record))) {
    findings.evidence.push({ label: `Flow ${record.flow}: calls without a request id`, href: context.flowHref(record) });
  }
  findings.requestsWithId = 0; // the calls with an id do not make up for those without
}

// ── Sentences ────────────────────────────────────────────────────────────────────────────────────────────────────

function failureReason(failures: string[]): string {
  const shown = failures.slice(0, MAX_FAILURES_IN_REASON).map((failure) => failure.replace(/[.\s]+$/, ''));
  const more = failures.length - shown.length;
  return sentence(redactText(`${shown.join('; ')}${more > 0 ? `; and ${more} more (see the evidence)` : ''}`));
}

function passReason(findings: Findings): string {
  const parts: string[] = [];
  if (findings.passedChecks.length > 0) {
    parts.push(`preflight ${findings.passedChecks.length === 1 ? 'check' : 'checks'} ${findings.passedChecks.join(', ')} passed`);
  }
  if (findings.warnedChecks.length > 0) {
    parts.push(`preflight ${findings.warnedChecks.length === 1 ? 'check' : 'checks'} ${findings.warnedChecks.join(', ')} passed with a warning`);
  }
  if (findings.passedSteps > 0) {
    parts.push(`${plural(findings.passedSteps, 'step')} passed in ${[...findings.passedStepFlows].join(', ')}`);
  }
  if (findings.requestsWithId === 1) parts.push('the one recorded provider call carried a request id');
  if (findings.requestsWithId > 1) parts.push(`all ${findings.requestsWithId} recorded provider calls carried a request id`);
  return sentence(redactText(parts.join('; ')));
}

/** Evidence that was expected but not there, shown as warnings on an item decided by the rest (each once). */
function notRehearsedWarnings(findings: Findings): string[] {
  return distinct(findings.notRehearsed).map((clause) => sentence(redactText(`Not rehearsed: ${clause}`)));
}

/** The texts in order, each once. */
function distinct(texts: string[]): string[] {
  return [...new Set(texts)];
}

function uniqueLinks(links: EvidenceLink[]): EvidenceLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    if (seen.has(link.href)) return false;
    seen.add(link.href);
    return true;
  });
}
