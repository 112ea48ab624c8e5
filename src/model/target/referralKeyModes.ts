import type { ReferralPlatformName } from './referralPlatform';

/**
 * Why a platform's keys carry no test or live mode, for the platforms whose keys do not (Dress Rehearsal's own are
 * `sk_test_…`/`pk_live_…`): the mode check leaves their keys out and says this instead.
 */
export const REFERRAL_KEYS_WITHOUT_MODE: Partial<Record<ReferralPlatformName, string>> = {
  // Documented: one API Secret and one public API Key per account; no test keys found (research notes on Rewardful, §1, §7).
  rewardful:
    "Rewardful's keys carry no test or live mode: an account has one API Secret and one public API Key (https://developers.rewardful.com/rest-api/overview)",
  // Documented: API keys dub_… and publishable keys dub_pk_…; no test keys (research notes on Dub, §1, §7).
  dub: "Dub's keys carry no test or live mode: a workspace has API keys (dub_…) and publishable keys (dub_pk_…) and no test keys (https://dub.co/docs/api-reference/authentication)",
};
