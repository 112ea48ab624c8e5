import { notInRehearsal } from '../../model/checklist/rehearsalScope';
import { NOT_IN_CHECKLIST_REASON } from '../../model/config/checklistSkip';
import { redactText } from '../../base/redact';
import type { FlowStatus } from '../../run/evidence/flowRecord';
import type { EvidenceFinding, Failure, Gap, ItemDecision, ItemFindings, Warning } from './itemFindings';
import { targetGapHint } from './targetGapHint';
import { plural, sentence } from './text';
import type { EvidenceLink, ItemVerdict } from './types';

const MAX_FAILURES_IN_REASON = 3;

/** The decided item in words: one redacted sentence of reason, warnings, and labelled evidence links. */
export function wordItemVerdict(decision: ItemDecision, target: string | undefined): ItemVerdict {
  const { item, status, findings } = decision;
  const evidence = evidenceLinks(findings.evidence);
  if (decision.leftOut) {
    const why = decision.leftOut.by === 'checklist-skip' ? NOT_IN_CHECKLIST_REASON : notInRehearsal(decision.leftOut.reason);
    const warnings = distinct(findings.failures.map((failure) => sentence(redactText(`Ran anyway and failed: ${failureClause(failure)}`))));
    const otherPlatform = decision.leftOut.by === 'target' && item.platform !== undefined ? { otherPlatform: true as const } : {};
    return { item, status: 'skipped', reason: sentence(why), warnings, evidence, skipKind: 'with-reason', ...otherPlatform };
  }
  if (status === 'awaiting-attestation' && decision.attest !== undefined) {
    const warnings = distinct(findings.warnings.map((warning) => sentence(redactText(warningClause(warning)))));
    return { item, status, reason: sentence(redactText(decision.attest)), warnings, evidence };
  }
  if (status === 'awaiting-attestation') {
    return { item, status, reason: sentence(redactText(item.manual ?? '')), warnings: [], evidence: [] };
  }
  const warnings = distinct(findings.warnings.map((warning) => sentence(redactText(warningClause(warning)))));
  if (status === 'failed') {
    return {
      item,
      status,
      reason: failureReason(findings.failures),
      warnings: [...warnings, ...gapWarnings(findings)],
      evidence,
    };
  }
  if (status === 'passed') {
    return { item, status, reason: passReason(findings), warnings: [...warnings, ...gapWarnings(findings)], evidence };
  }
  // Several tests skipped for the same reason (the four declines) say it once.
  const clauses = distinct(findings.gaps.map(gapClause));
  const why = clauses.length > 0 ? clauses.join('; ') : 'no check or flow step decides it';
  const skipKind = decision.skipKind ?? 'not-run';
  const reason = sentence(redactText(`${skipKind === 'interrupted' ? 'Not decided' : 'Not rehearsed'}: ${why}`));
  const hint = skipKind === 'target-gap' ? { hint: targetGapHint(target, [item.id]) } : {};
  return { item, status, reason, warnings, evidence, skipKind, ...hint };
}

function failureClause(failure: Failure): string {
  switch (failure.kind) {
    case 'check-failed':
      return `${failure.check}: ${failure.summary}`;
    case 'step-failed':
      return `${stepPlace(failure)}: ${failure.error ?? 'the step failed'}`;
    case 'calls-without-request-id': {
      const { first } = failure;
      return (
        `${failure.withoutId} of ${plural(failure.total, 'recorded provider call')} had no request id ` +
        `(first: ${first.method} ${first.path} in the ${first.flow} flow)`
      );
    }
  }
}

function warningClause(warning: Warning): string {
  switch (warning.kind) {
    case 'check-warned':
      return `${warning.check}: ${warning.summary}`;
    case 'flow-failed-outside-steps':
      return `the ${warning.flow} flow ${statusWord(warning.status)} outside this item's steps${suffix(warning.error)}`;
  }
}

function gapClause(gap: Gap): string {
  switch (gap.kind) {
    case 'preflight-missing':
      return gap.reason;
    case 'check-not-run':
      return `preflight check ${gap.check} did not run`;
    case 'check-skipped':
      return `${gap.check} skipped: ${gap.summary}`;
    case 'flow-skipped':
      return `the ${gap.flow} flow was skipped${suffix(gap.reason)}`;
    case 'flow-failed-before-steps':
      return `the ${gap.flow} flow ${statusWord(gap.status)} before reaching this item's steps${suffix(gap.error)}`;
    case 'flow-tagged-no-step':
      return `the ${gap.flow} flow passed but tagged no step with this item`;
    case 'flows-not-run': {
      const why = gap.becausePreflightFailed ? 'a blocking preflight check failed, so no flow ran' : 'no flow record in this run';
      return `${gap.flows.length === 1 ? 'the flow' : 'the flows'} ${gap.flows.join(', ')} did not run (${why})`;
    }
    case 'flow-interrupted': {
      const during = gap.during ? ` during step "${gap.during}"` : '';
      const before =
        gap.passedSteps > 0
          ? `; ${plural(gap.passedSteps, 'step', 'steps')} for this item passed before that, ` + 'which decides nothing on its own'
          : '';
      return `the ${gap.flow} flow was interrupted${during}${before}`;
    }
    case 'step-stopped-by-other-items':
      return `${stepPlace(gap)} stopped at a failure of ${gap.others.join(', ')} before it decided this item`;
    case 'step-interrupted':
      return `${stepPlace(gap)} was interrupted`;
    case 'step-skipped':
      return `${stepPlace(gap)} was skipped${suffix(gap.reason)}`;
  }
}

function failureReason(failures: Failure[]): string {
  const shown = failures.slice(0, MAX_FAILURES_IN_REASON).map((failure) => failureClause(failure).replace(/[.\s]+$/, ''));
  const more = failures.length - shown.length;
  return sentence(redactText(`${shown.join('; ')}${more > 0 ? `; and ${more} more (see the evidence)` : ''}`));
}

function passReason({ passes }: ItemFindings): string {
  const parts: string[] = [];
  if (passes.checks.length > 0) {
    parts.push(`preflight ${passes.checks.length === 1 ? 'check' : 'checks'} ${passes.checks.join(', ')} passed`);
  }
  if (passes.warnedChecks.length > 0) {
    const checks = `${passes.warnedChecks.length === 1 ? 'check' : 'checks'} ${passes.warnedChecks.join(', ')}`;
    parts.push(`preflight ${checks} passed with a warning`);
  }
  if (passes.steps > 0) parts.push(`${plural(passes.steps, 'step')} passed in ${passes.stepFlows.join(', ')}`);
  if (passes.callsWithRequestId === 1) parts.push('the one recorded provider call carried a request id');
  if (passes.callsWithRequestId > 1) {
    parts.push(`all ${passes.callsWithRequestId} recorded provider calls carried a request id`);
  }
  return sentence(redactText(parts.join('; ')));
}

/** Evidence that was expected but not there, shown as warnings on an item decided by the rest (each once). */
function gapWarnings(findings: ItemFindings): string[] {
  return distinct(findings.gaps.map(gapClause)).map((clause) => sentence(redactText(`Not rehearsed: ${clause}`)));
}

function evidenceLinks(evidence: EvidenceFinding[]): EvidenceLink[] {
  const seen = new Set<string>();
  const links: EvidenceLink[] = [];
  for (const finding of evidence) {
    if (seen.has(finding.href)) continue;
    seen.add(finding.href);
    links.push({ label: evidenceLabel(finding), href: finding.href });
  }
  return links;
}

function evidenceLabel(finding: EvidenceFinding): string {
  switch (finding.kind) {
    case 'check-result':
      return `Preflight check ${finding.check}: ${finding.status}`;
    case 'flow':
      return `Flow ${finding.flow}: ${statusWord(finding.status)}`;
    case 'flow-calls-without-request-id':
      return `Flow ${finding.flow}: calls without a request id`;
    case 'screenshot':
      return `Screenshot: ${finding.name}`;
    case 'allure-report':
      return 'Allure report (every step and attachment)';
  }
}

/** "referral-purchase-refund › Pay with a card", as a step is named in a clause. */
function stepPlace(at: { flow: string; step: string | undefined }): string {
  return `${at.flow} › ${at.step ?? 'untitled step'}`;
}

function suffix(detail: string | undefined): string {
  return detail ? `: ${detail}` : '';
}

function statusWord(status: FlowStatus): string {
  return status === 'timedOut' ? 'timed out' : status;
}

/** The texts in order, each once. */
function distinct(texts: string[]): string[] {
  return [...new Set(texts)];
}
