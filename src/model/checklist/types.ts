import type { ChecklistItemId } from './catalogue';
import type { CheckId } from './checkIds';

export type { ChecklistItem, ChecklistItemId } from './catalogue';
export type { CheckId } from './checkIds';
export type { ChecklistSource, ItemRule, ItemSeverity } from './itemDefinition';

/**
 * Checklist items the rehearsed target leaves out, and why (a payment-only merchant: every referral item). Recorded
 * in the preflight report and every flow record, so the sign-off lists them as not in this rehearsal.
 */
export interface OutOfScope {
  items: ChecklistItemId[];
  /** e.g. "this merchant runs no referral programme (capabilities.referralProgramme: false)". */
  reason: string;
}

/** A preflight check's outcome: `warning` is shown but never blocks, even on a blocking item. */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped';

export interface CheckResult {
  /** The check's id, e.g. `webhooks.endpoints-registered`. */
  check: CheckId;
  /** The checklist item it decides. */
  item: ChecklistItemId;
  status: CheckStatus;
  /** One line, redacted: what was found (for a failure: what is wrong and what to do). */
  summary: string;
  /** One line per finding (redacted), e.g. one per endpoint. */
  details: string[];
  /** The redacted objects the check relied on. */
  evidence?: unknown;
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
}

/** What one preflight run found; written as `<runDir>/evidence/preflight.json`. */
export interface PreflightReport {
  runId: string;
  mode: 'test' | 'live';
  target: string;
  provider: { apiBase: string; apiVersion: string; account?: { id: string; displayName?: string } };
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  results: CheckResult[];
  /** Items the target leaves out of the rehearsal (a payment-only merchant's referral items); absent: none. */
  outOfScope?: OutOfScope[];
}
