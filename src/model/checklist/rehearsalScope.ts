import type { TargetCapabilities } from '../target/contract';
import { NO_REFERRAL_PROGRAMME, runsReferralProgramme } from '../target/referralProgramme';
import { CHECKLIST } from './catalogue';
import type { ChecklistItem, OutOfScope } from './types';

/**
 * The checklist items the target leaves out of its rehearsal, with the reason: for a payment-only merchant
 * (`capabilities.referralProgramme: false`) every item about the referral programme; otherwise none. Preflight
 * does not run their checks, and the sign-off lists them as not in this rehearsal (as it does `checklist.skip`).
 */
export function outOfScope(
  target: { capabilities: Pick<TargetCapabilities, 'referralProgramme'> },
  catalog: readonly ChecklistItem[] = CHECKLIST,
): OutOfScope[] {
  if (runsReferralProgramme(target)) return [];
  return [{ items: catalog.filter((item) => item.referralProgramme).map((item) => item.id), reason: NO_REFERRAL_PROGRAMME }];
}

/** How notInRehearsal's words begin. */
export const NOT_IN_REHEARSAL_PREFIX = 'not in this rehearsal: ';

/** "Not in this rehearsal: <reason>", as preflight and the sign-off word an item the target left out. */
export function notInRehearsal(reason: string): string {
  return `${NOT_IN_REHEARSAL_PREFIX}${reason}`;
}
