import { ConfigError } from '../../src/base/configError';
import {
  REFERRAL_PLATFORM_SEEDS,
  ReferralPlatformChoiceError,
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
  try {
    const sandbox = env[REFERRAL_PLATFORM_VARIABLE]?.trim()
      ? referralPlatformNamed(env[REFERRAL_PLATFORM_VARIABLE], REFERRAL_PLATFORM_VARIABLE)
      : undefined;
    const harness = env[HARNESS_PLATFORM_VARIABLE]?.trim()
      ? referralPlatformNamed(env[HARNESS_PLATFORM_VARIABLE], HARNESS_PLATFORM_VARIABLE)
      : undefined;
    // Two names that disagree would run one platform's sandbox under the other's adapter: every check would then fail
    // as if the merchant had broken something.
    if (sandbox && harness && sandbox !== harness) {
      throw new ConfigError(
        `${REFERRAL_PLATFORM_VARIABLE}=${sandbox} and ${HARNESS_PLATFORM_VARIABLE}=${harness} name different referral platforms: ` +
          'set one of them (the demo target follows either).',
      );
    }
    return sandbox ?? harness ?? referralPlatformNamed(undefined, REFERRAL_PLATFORM_VARIABLE);
  } catch (error) {
    // The sandbox's own error, as the harness's one-line configuration error (exit 2).
    if (error instanceof ReferralPlatformChoiceError) throw new ConfigError(error.message, { cause: error });
    throw error;
  }
}

/** The demo partner and programme on that platform: `alice` everywhere; the programme's id is the platform's seed's. */
export function demoPartner(env: NodeJS.ProcessEnv): { key: string; programId: string } {
  const seed = REFERRAL_PLATFORM_SEEDS[demoReferralPlatform(env)];
  return { key: seed.partnerKey, programId: seed.programId };
}
