import { ConfigError } from '../../base/configError';
import type { Target, TargetEnvironment } from '../../model/target/contract';
import type { ReferralPlatform, ReferralPlatformFactory } from '../../model/target/referralPlatform';
import type { ReferralPlatformChoice } from '../../model/target/referralPlatformChoice';
import { REFERRAL_PLATFORMS } from './platforms';

/**
 * The client for a connected target's referral platform, chosen once for every caller: REFERRAL_PLATFORM or
 * rehearsal.config.ts's `referral.platform` (`configured`), else the target's `referralPlatform`, else Dress
 * Rehearsal's referral API (`ReferralClient`). A name is looked up in REFERRAL_PLATFORMS.
 */
export function referralPlatformFor(
  target: Pick<Target, 'referralPlatform'>,
  environment: Pick<TargetEnvironment, 'referral'>,
  configured?: ReferralPlatformChoice,
): ReferralPlatform {
  // A payment-only merchant's environment has no referral platform: the callers give it noReferralPlatform instead.
  if (!environment.referral)
    throw new ConfigError(
      'The connected environment names no referral platform (environment.referral): set REFERRAL_API_BASE and its keys.',
    );
  const { apiBase, secretKey, publishableKey } = environment.referral;
  const choice = configured ?? target.referralPlatform ?? 'dress-rehearsal';
  const platform = referralPlatformFactory(choice)({ apiBase, secretKey, publishableKey });
  chosenFor.set(platform, choice);
  return platform;
}

/** What each client referralPlatformFor made was chosen as: the platform's name, or a team's own factory. */
const chosenFor = new WeakMap<ReferralPlatform, ReferralPlatformChoice>();

/**
 * How `referral` was chosen (a name, or a team's own factory) when referralPlatformFor made it; undefined for a client
 * made elsewhere (a test's fake): the caller then goes by the target's own choice.
 */
export function referralPlatformChoiceOf(referral: ReferralPlatform): ReferralPlatformChoice | undefined {
  return chosenFor.get(referral);
}

/** The factory a choice stands for: a name's from the registry, or the team's own. */
export function referralPlatformFactory(choice: ReferralPlatformChoice): ReferralPlatformFactory {
  return typeof choice === 'function' ? choice : REFERRAL_PLATFORMS[choice];
}
