/** Which go-live list an item comes from. */
export type ChecklistSource = 'stripe-go-live' | 'referral-go-live' | 'payments-runbook';

/** A failed `blocking` item means "do not go live"; a failed `warning` item is shown but does not block. */
export type ItemSeverity = 'blocking' | 'warning';

/** One line of the go-live checklist, as the person signing off reads it. */
export interface ChecklistItem {
  /** Stable kebab-case id, used as the Allure label `checklist` and in every piece of evidence. */
  id: string;
  /** A sentence a non-developer understands. */
  title: string;
  /** One sentence: what goes wrong at launch when this item is not true. */
  why: string;
  source: ChecklistSource;
  /** Where in that list, in words (e.g. "Stripe go-live checklist: webhooks"). */
  sourceDetail: string;
  severity: ItemSeverity;
  /** Preflight check ids (src/guards/preflight/checks) that decide it. */
  checks?: string[];
  /** Flow names (test.use({ flowName })) whose steps tagged with this item's id decide it. */
  flows?: string[];
  /** Set for items no machine can decide: what the operator does, then attests in the sign-off block. */
  manual?: string;
  /**
   * The item is about the merchant's referral programme: a payment-only merchant (`capabilities.referralProgramme:
   * false`) leaves it out of the rehearsal, and the sign-off lists it as not in this rehearsal.
   */
  referralProgramme?: true;
}

/**
 * Checklist items the rehearsed target leaves out, and why (a payment-only merchant: every referral item). Recorded
 * in the preflight report and every flow record, so the sign-off lists them as not in this rehearsal.
 */
export interface OutOfScope {
  items: string[];
  /** e.g. "this merchant runs no referral programme (capabilities.referralProgramme: false)". */
  reason: string;
}

/** A preflight check's outcome: `warning` is shown but never blocks, even on a blocking item. */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped';

export interface CheckResult {
  /** The check's id, e.g. `webhooks.endpoints-registered`. */
  check: string;
  /** The checklist item it decides. */
  item: string;
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
