import type { TargetCapabilities } from '../target/contract';
import type { ReferralPlatformName } from '../target/referralPlatform';
import { chosenReferralPlatformName, REFERRAL_PLATFORM_LABELS, type ReferralPlatformChoice } from '../target/referralPlatformChoice';
import { NO_REFERRAL_PROGRAMME, runsReferralProgramme } from '../target/referralProgramme';
import { CHECKLIST } from './catalogue';
import type { ChecklistItem, OutOfScope } from './types';

/**
 * The checklist items the target leaves out of its rehearsal, with the reason: for a payment-only merchant
 * (`capabilities.referralProgramme: false`) every item about the referral programme; otherwise the steps of another
 * platform's go-live list (an item's `platform`: Rewardful's items on a Dub run, say). The platform is `configured`
 * (REFERRAL_PLATFORM or rehearsal.config.ts), else the target's `referralPlatform`, else Dress Rehearsal's own; a
 * team's own adapter takes the generic list (`dress-rehearsal` items). Preflight does not run their checks, and the
 * sign-off lists them as not in this rehearsal (as it does `checklist.skip`).
 */
export function outOfScope(
  target: { capabilities: Pick<TargetCapabilities, 'referralProgramme'>; referralPlatform?: ReferralPlatformChoice },
  catalog: readonly ChecklistItem[] = CHECKLIST,
  configured?: ReferralPlatformChoice,
): OutOfScope[] {
  if (!runsReferralProgramme(target)) {
    return [{ items: catalog.filter((item) => item.referralProgramme).map((item) => item.id), reason: NO_REFERRAL_PROGRAMME }];
  }
  const platform = chosenReferralPlatformName(target, configured);
  const applies = (item: ChecklistItem) => item.platform === undefined || item.platform === (platform ?? 'dress-rehearsal');
  const others = [...new Set(catalog.filter((item) => !applies(item)).map((item) => item.platform!))];
  return others.map((other) => ({
    items: catalog.filter((item) => item.platform === other).map((item) => item.id),
    reason: otherPlatformReason(other, platform),
  }));
}

/** "a go-live step for Rewardful only, and this rehearsal's referral platform is Dub" */
export function otherPlatformReason(item: ReferralPlatformName, platform: ReferralPlatformName | undefined): string {
  const run = platform ? REFERRAL_PLATFORM_LABELS[platform] : "the target's own adapter";
  return `a go-live step for ${REFERRAL_PLATFORM_LABELS[item]} only, and this rehearsal's referral platform is ${run}`;
}

/** How notInRehearsal's words begin. */
export const NOT_IN_REHEARSAL_PREFIX = 'not in this rehearsal: ';

/** "Not in this rehearsal: <reason>", as preflight and the sign-off word an item the target left out. */
export function notInRehearsal(reason: string): string {
  return `${NOT_IN_REHEARSAL_PREFIX}${reason}`;
}
