import {
  REFERRAL_PLATFORM_SEEDS,
  REFERRAL_PLATFORM_VARIABLE,
  referralPlatformNamed,
  type SandboxReferralPlatform,
} from '../../sandbox/index';

/** The harness's variable naming the referral platform (src/model/target/referralPlatformChoice.ts). */
const HARNESS_PLATFORM_VARIABLE = 'REFERRAL_PLATFORM';

/**
 * The referral platform the demo shop works with in this process: SANDBOX_REFERRAL_PLATFORM (the embedded sandbox runs
 * it), else REFERRAL_PLATFORM (the harness's choice of adapter, so naming either one is enough), else the sandbox's
 * own. A name of no platform is a one-line error before anything starts. Read when asked, not when the target loads:
 * a Playwright project rehearsing another platform sets the variables in its worker first (fixtures/targetFixtures.ts).
 */
export function demoReferralPlatform(env: NodeJS.ProcessEnv): SandboxReferralPlatform {
  if (env[REFERRAL_PLATFORM_VARIABLE]?.trim()) return referralPlatformNamed(env[REFERRAL_PLATFORM_VARIABLE], REFERRAL_PLATFORM_VARIABLE);
  return referralPlatformNamed(env[HARNESS_PLATFORM_VARIABLE], HARNESS_PLATFORM_VARIABLE);
}

/** The demo partner and programme on that platform: `alice` everywhere; the programme's id is the platform's seed's. */
export function demoPartner(env: NodeJS.ProcessEnv): { key: string; programId: string } {
  const seed = REFERRAL_PLATFORM_SEEDS[demoReferralPlatform(env)];
  return { key: seed.partnerKey, programId: seed.programId };
}
