import { CHECKLIST, checklistItem } from '../../model/checklist/catalogue';
import type { CheckResult, ChecklistItem, PreflightReport } from '../../model/checklist/types';

/** How one checklist item came out of preflight: `warning` = failed on a warning item, or a check's own warning. */
export type ItemVerdict = 'passed' | 'failed' | 'warning' | 'skipped';

export interface PreflightItem {
  item: ChecklistItem;
  verdict: ItemVerdict;
  results: CheckResult[];
  /** The summary that explains the verdict: the first failing (or warning, or skipped) result's; for a passed item, a skipped check's. */
  reason?: string;
}

/** The failed results of blocking items: any one means "do not go live". */
export function blockingFailures(report: PreflightReport): CheckResult[] {
  return report.results.filter((result) => result.status === 'failed' && checklistItem(result.item).severity === 'blocking');
}

/** Every checklist item the report's results touch, in the checklist's order, with its verdict. */
export function preflightItems(report: PreflightReport): PreflightItem[] {
  const touched = new Set(report.results.map((result) => result.item));
  const known = CHECKLIST.filter((item) => touched.has(item.id));
  const unknown = [...touched].filter((id) => !CHECKLIST.some((item) => item.id === id)).map(checklistItem); // throws: a typo in a check
  return [...known, ...unknown].map((item) =>
    verdictOf(
      item,
      report.results.filter((result) => result.item === item.id),
    ),
  );
}

function verdictOf(item: ChecklistItem, results: CheckResult[]): PreflightItem {
  const failedResult = results.find((result) => result.status === 'failed');
  const warned = results.find((result) => result.status === 'warning');
  if (failedResult) {
    return { item, results, verdict: item.severity === 'blocking' ? 'failed' : 'warning', reason: failedResult.summary };
  }
  if (warned) return { item, results, verdict: 'warning', reason: warned.summary };
  const skippedResult = results.find((result) => result.status === 'skipped');
  if (results.every((result) => result.status === 'skipped')) return { item, results, verdict: 'skipped', reason: skippedResult?.summary };
  return { item, results, verdict: 'passed', ...(skippedResult ? { reason: skippedResult.summary } : {}) };
}
