import type { ReferralPlatformFactory, ReferralPlatformName } from '../../../model/target/referralPlatform';
import { ReferralClient } from '../referralClient';
import { dubPlatform } from './dub/dubPlatform';
import { rewardfulPlatform } from './rewardful/rewardfulPlatform';

/**
 * The referral platforms Dress Rehearsal has an adapter for, by the name a target, rehearsal.config.ts
 * (`referral: { platform: 'rewardful' }`) or REFERRAL_PLATFORM gives: its own referral API, Rewardful, Dub.
 * Adding one: docs/referral-adapter.md ("Adding a platform").
 */
export const REFERRAL_PLATFORMS: Record<ReferralPlatformName, ReferralPlatformFactory> = {
  'dress-rehearsal': (access) => new ReferralClient(access),
  rewardful: rewardfulPlatform,
  dub: dubPlatform,
};
