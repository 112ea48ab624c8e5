import { notInRehearsal, outOfScope } from '../../model/checklist/rehearsalScope';
import type { CheckResult, ChecklistItemId, PreflightReport } from '../../model/checklist/types';
import { NOT_IN_CHECKLIST_REASON } from '../../model/config/checklistSkip';
import { ConfigError } from '../../base/configError';
import { ReferralApiError } from '../../run/referral/referralApiError';
import { referralPlatformChoiceOf } from '../../run/referral/referralPlatformFor';
import { redact, redactText } from '../../base/redact';
import { NO_REFERRAL_PROGRAMME, runsReferralProgramme } from '../../model/target/referralProgramme';
import { PREFLIGHT_CHECKS } from './checks/index';
import { createPreflightContext } from './createContext';
import { describeError } from './describeError';
import type { CheckOutcome, PreflightCheck, PreflightContext, PreflightOptions } from './types';

/** A check that has not finished by then is reported failed (it may hang on a site that never answers). */
const CHECK_TIME_LIMIT_MS = 90_000;

/**
 * Runs every preflight check (or `checks`) one after the other against the target's environment and returns what
 * each found. A check that throws becomes that check's `failed` result; nothing aborts the run. Every line is redacted.
 */
export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const startedAt = Date.now();
  const context = createPreflightContext(options);
  const results: CheckResult[] = [];
  const scope = outOfScope(options.target, undefined, referralPlatformChoiceOf(context.referral));
  // Why an item is not checked: rehearsal.config.ts's checklist.skip, else the target leaves it out (no referral programme).
  const notChecked = new Map<ChecklistItemId, string>([
    ...scope.flatMap((leftOut) => leftOut.items.map((item) => [item, `Not checked: ${notInRehearsal(leftOut.reason)}.`] as const)),
    ...(options.skipItems ?? []).map((item) => [item, `Not checked: ${NOT_IN_CHECKLIST_REASON}.`] as const),
  ]);
  for (const check of options.checks ?? PREFLIGHT_CHECKS) {
    for (const result of await runUnlessSkipped(check, context, notChecked)) {
      results.push(result);
      options.onResult?.(result);
    }
  }
  const read = await context.accountIfRead();
  const account = read ? { id: read.id, ...(displayName(read) ? { displayName: displayName(read)! } : {}) } : undefined;
  return {
    runId: options.runId,
    mode: options.mode,
    target: options.target.name,
    // The version the checks held the integration to: the one its code pins.
    provider: {
      apiBase: options.environment.provider.apiBase,
      apiVersion: options.target.goLive.apiVersion,
      ...(account ? { account } : {}),
    },
    startedAt,
    endedAt: Date.now(),
    results,
    ...(scope.length > 0 ? { outOfScope: scope } : {}),
  };
}

/**
 * A check whose items are all in `notChecked` (item → why: `checklist.skip`, or left out by the target) does not
 * run: one `skipped` result per item says why. Nor does a check marked `referralProgramme` for a payment-only
 * merchant (its item stays, decided by the other checks). Otherwise it runs, and its results for those items are
 * replaced the same way.
 */
async function runUnlessSkipped(
  check: PreflightCheck,
  context: PreflightContext,
  notChecked: ReadonlyMap<ChecklistItemId, string>,
): Promise<CheckResult[]> {
  const items = itemsOf(check);
  const skipItems = new Set(notChecked.keys());
  const notRun = (item: ChecklistItemId, summary: string): CheckResult => ({
    check: check.id,
    item,
    status: 'skipped',
    summary,
    details: [],
    startedAt: Date.now(),
    durationMs: 0,
  });
  const notInChecklist = (item: ChecklistItemId): CheckResult => notRun(item, notChecked.get(item)!);
  if (items.every((item) => skipItems.has(item))) return items.map(notInChecklist);
  if (check.referralProgramme && !runsReferralProgramme(context.target)) {
    return items.map((item) =>
      skipItems.has(item) ? notInChecklist(item) : notRun(item, `Not checked: ${notInRehearsal(NO_REFERRAL_PROGRAMME)}.`),
    );
  }
  const kept = (await runCheck(check, context)).filter((result) => !skipItems.has(result.item));
  return [...kept, ...items.filter((item) => skipItems.has(item)).map(notInChecklist)];
}

async function runCheck(check: PreflightCheck, context: PreflightContext): Promise<CheckResult[]> {
  const items = itemsOf(check);
  const startedAt = Date.now();
  let outcomes: CheckOutcome[];
  try {
    const outcome = await withinTimeLimit(
      Promise.resolve().then(() => check.run(context)),
      check.id,
    );
    outcomes = Array.isArray(outcome) ? outcome : [outcome];
  } catch (error) {
    // A referral API base that answers with a web page is the configuration's mistake, not the integration's.
    if (error instanceof ReferralApiError && error.type === 'invalid_response') throw new ConfigError(error.message);
    const summary = `The check ${check.id} could not run to the end (${describeError(error)}): make sure the provider, the referral platform and the site are reachable, then run preflight again.`;
    outcomes = items.map((item) => ({ status: 'failed', summary, item }));
  }
  const durationMs = Date.now() - startedAt;
  return outcomes.map((outcome) => ({
    check: check.id,
    item: outcome.item ?? items[0]!,
    status: outcome.status,
    summary: redactText(outcome.summary),
    details: (outcome.details ?? []).map(redactText),
    ...(outcome.evidence !== undefined ? { evidence: redact(outcome.evidence) } : {}),
    startedAt,
    durationMs,
  }));
}

function itemsOf(check: PreflightCheck): ChecklistItemId[] {
  return typeof check.item === 'string' ? [check.item] : [...check.item];
}

function withinTimeLimit<T>(work: Promise<T>, checkId: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${checkId} did not finish within ${CHECK_TIME_LIMIT_MS / 1000} s`)), CHECK_TIME_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function displayName(account: {
  settings?: { dashboard?: { display_name?: string | null } } | null;
  business_profile?: { name?: string | null } | null;
}): string | undefined {
  return account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? undefined;
}
