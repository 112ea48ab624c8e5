import { checklistItem } from '../../src/model/checklist/catalog';
import type { EvidenceRecorder, StepOptions } from '../../src/run/evidence/evidenceRecorder';
import type { Target } from '../../src/model/target/contract';
import { agreedCommission, NO_REFERRAL_PROGRAMME, referralPartner, runsReferralProgramme } from '../../src/model/target/referralProgramme';
import { skippedStep } from './skippedStep';
import type { Ability } from './targetAbility';

/** What the referral steps of a scenario need: the partner whose link is opened and the commission agreed for a price. */
export interface ReferralProgrammeRun {
  partnerKey: string;
  /** The commission agreed for one product or plan of the catalogue (its `expectedCommission`). */
  agreed(entry: { name: string; expectedCommission?: number }): number;
}

/**
 * The target's referral programme, or why the rehearsal leaves referrals out: a payment-only merchant
 * (`capabilities.referralProgramme: false`). Not a target gap: its referral steps do not apply (an exemption), and
 * the sign-off lists its referral items as not in this rehearsal. `partnerKey` is rehearsal.config.ts's, else the
 * catalogue's partner.
 */
export function referralProgrammeAbility(
  target: Pick<Target, 'name' | 'capabilities' | 'catalogue'>,
  config: { partnerKey?: string },
): Ability<ReferralProgrammeRun> {
  if (!runsReferralProgramme(target)) return { reason: NO_REFERRAL_PROGRAMME };
  return {
    run: {
      partnerKey: config.partnerKey ?? referralPartner(target).key,
      agreed: (entry) => agreedCommission(target, entry),
    },
  };
}

/**
 * A referral step: run when the target runs a referral programme (`body` gets it), else recorded as skipped with
 * the reason and resolving undefined. The skipped step keeps only the referral items of `options.checklist` (those
 * the sign-off lists as not in this rehearsal): for the others, a referral part that does not apply is no gap.
 */
export async function referralStep<T>(
  evidence: EvidenceRecorder,
  programme: Ability<ReferralProgrammeRun>,
  title: string,
  body: (run: ReferralProgrammeRun) => Promise<T>,
  options: StepOptions = {},
): Promise<T | undefined> {
  if (programme.run) {
    const run = programme.run;
    return evidence.step(title, () => body(run), options);
  }
  const referralItems = (options.checklist ?? []).filter((id) => checklistItem(id).referralProgramme);
  await skippedStep(evidence, title, programme.reason, { ...options, checklist: referralItems });
  return undefined;
}

/**
 * What an earlier referral step found (the click, the commission), in a later referral step: both run or neither, so
 * it is there; a scenario that runs them out of order fails here, saying so.
 */
export function foundEarlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: the earlier referral step that finds it did not run`);
  return value;
}
