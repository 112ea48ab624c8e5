import { NOT_IN_REHEARSAL_PREFIX } from '../../model/checklist/rehearsalScope';
import type { CheckResult, ChecklistItem } from '../../model/checklist/types';
import type { FindingContext, ItemFindings } from './itemFindings';
import { firstLine } from './text';

/** What the preflight report says about the item: its checks' results, or that preflight or a check did not run. */
export function findCheckEvidence(item: ChecklistItem, context: FindingContext, findings: ItemFindings): void {
  const expected = item.checks ?? [];
  if (expected.length === 0) return;
  if (!context.preflight) {
    findings.gaps.push({ kind: 'preflight-missing', reason: context.preflightMissingReason, cause: 'not-run' });
    return;
  }
  const results = checkResultsFor(item, context.preflight.results);
  for (const check of expected) {
    if (!results.some((result) => result.check === check)) findings.gaps.push({ kind: 'check-not-run', check, cause: 'not-run' });
  }
  for (const result of results) {
    const { check, status } = result;
    const summary = firstLine(result.summary) ?? status;
    findings.evidence.push({ kind: 'check-result', check, status, href: `evidence/preflight.json#${check}` });
    if (status === 'failed') findings.failures.push({ kind: 'check-failed', check, summary });
    else if (status === 'warning') {
      findings.passes.warnedChecks.push(check);
      findings.warnings.push({ kind: 'check-warned', check, summary });
    } else if (status === 'skipped') {
      // A check left out with the part of the integration the target does not have (a payment-only merchant's ping
      // through the referral platform) is no gap in an item its other checks decide.
      if (!summary.startsWith(`Not checked: ${NOT_IN_REHEARSAL_PREFIX}`)) {
        findings.gaps.push({ kind: 'check-skipped', check, summary, cause: 'with-reason' });
      }
    } else findings.passes.checks.push(check);
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
