import { ConfigError } from '../../base/configError';
import type { Target, TargetEnvironment } from '../../model/target/contract';
import { ReferralClient } from './referralClient';
import type { ReferralPlatform, ReferralPlatformFactory } from '../../model/target/referralPlatform';

/**
 * The client for a connected target's referral platform, chosen once for every caller: rehearsal.config.ts's
 * `referral.platform` (`configured`), else the target's `referralPlatform`, else Dress Rehearsal's referral API
 * (`ReferralClient`).
 */
export function referralPlatformFor(
  target: Pick<Target, 'referralPlatform'>,
  environment: Pick<TargetEnvironment, 'referral'>,
  configured?: ReferralPlatformFactory,
): ReferralPlatform {
  // A payment-only merchant's environment has no referral platform: the callers give it noReferralPlatform instead.
  if (!environment.referral)
    throw new ConfigError(
      'The connected environment names no referral platform (environment.referral): set REFERRAL_API_BASE and its keys.',
    );
  const { apiBase, secretKey, publishableKey } = environment.referral;
  const make: ReferralPlatformFactory = configured ?? target.referralPlatform ?? ((access) => new ReferralClient(access));
  return make({ apiBase, secretKey, publishableKey });
}
