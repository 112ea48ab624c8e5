import { ConfigError } from '../../base/configError';
import type { ReferralAccess } from './referralPlatform';
import type { ReferralPartner, Target, TargetCapabilities, TargetEnvironment } from './contract';

/**
 * Why every referral step, preflight check and checklist item is left out of a payment-only merchant's rehearsal.
 * Scenarios, preflight and the sign-off all say it in these words.
 */
export const NO_REFERRAL_PROGRAMME = 'this merchant runs no referral programme (capabilities.referralProgramme: false)';

/** True unless the target declares `capabilities.referralProgramme: false` (a payment-only go-live). */
export function runsReferralProgramme(target: { capabilities: Pick<TargetCapabilities, 'referralProgramme'> }): boolean {
  return target.capabilities.referralProgramme !== false;
}

type TargetFacts = Pick<Target, 'name' | 'capabilities' | 'catalogue'>;

/**
 * The partner whose referral link the rehearsal opens. A target with a referral programme must name one (its type
 * says so; a target written in JavaScript or cast may not): a ConfigError saying what to set.
 */
export function referralPartner(target: TargetFacts): ReferralPartner {
  const partner = target.catalogue.partner;
  if (partner) return partner;
  throw new ConfigError(
    `The target "${target.name}" runs a referral programme (capabilities.referralProgramme is not false) but its catalogue names no partner: ` +
      'set catalogue.partner to { key, programId }, or declare capabilities.referralProgramme: false for a payment-only go-live.',
  );
}

/** The commission agreed for one product or plan of the catalogue; a ConfigError when the target left it out. */
export function agreedCommission(target: Pick<Target, 'name'>, entry: { name: string; expectedCommission?: number }): number {
  if (typeof entry.expectedCommission === 'number') return entry.expectedCommission;
  throw new ConfigError(
    `The target "${target.name}" runs a referral programme but states no expectedCommission for "${entry.name}": ` +
      'set the commission agreed with the programme (in minor units), or declare capabilities.referralProgramme: false for a payment-only go-live.',
  );
}

/**
 * The referral platform's API and keys of a connected environment; a ConfigError when a target with a referral
 * programme connected without them.
 */
export function referralAccess(target: Pick<Target, 'name'>, environment: Pick<TargetEnvironment, 'referral'>): ReferralAccess {
  if (environment.referral) return environment.referral;
  throw new ConfigError(
    `The target "${target.name}" runs a referral programme but its connect() gave no referral platform (environment.referral): ` +
      'return its API base and keys (REFERRAL_API_BASE, REFERRAL_SECRET_KEY, REFERRAL_PUBLISHABLE_KEY), or declare capabilities.referralProgramme: false.',
  );
}
