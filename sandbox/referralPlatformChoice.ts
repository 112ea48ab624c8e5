/**
 * Which referral platform the sandbox runs beside its provider: its own (`dress-rehearsal`, sandbox/referral/), or
 * the emulation of Rewardful (sandbox/rewardful/) or Dub (sandbox/dub/). The demo shop's snippet and referral webhook
 * endpoint follow it. Read once, here, from `SANDBOX_REFERRAL_PLATFORM` / `--referral-platform`. The names are the
 * harness's `ReferralPlatformName`s (src/model/target/referralPlatform.ts), spelled again here because the sandbox
 * imports nothing of the harness.
 */

export const SANDBOX_REFERRAL_PLATFORMS = ['dress-rehearsal', 'rewardful', 'dub'] as const;
export type SandboxReferralPlatform = (typeof SANDBOX_REFERRAL_PLATFORMS)[number];

export const DEFAULT_SANDBOX_REFERRAL_PLATFORM: SandboxReferralPlatform = 'dress-rehearsal';
export const REFERRAL_PLATFORM_VARIABLE = 'SANDBOX_REFERRAL_PLATFORM';

/** `SANDBOX_REFERRAL_PLATFORM` or `--referral-platform` names no platform the sandbox runs. Exit 2 at the command line. */
export class ReferralPlatformChoiceError extends Error {
  override name = 'ReferralPlatformChoiceError';
}

/** True when `name` is a platform the sandbox runs. */
export function isSandboxReferralPlatform(name: string): name is SandboxReferralPlatform {
  return (SANDBOX_REFERRAL_PLATFORMS as readonly string[]).includes(name);
}

/**
 * The platform `value` names (trimmed, case-insensitive); empty or absent: the sandbox's own. Anything else is a
 * ReferralPlatformChoiceError naming `where` and the platforms, before anything starts.
 */
export function referralPlatformNamed(value: string | undefined, where: string): SandboxReferralPlatform {
  const text = (value ?? '').trim().toLowerCase();
  if (!text) return DEFAULT_SANDBOX_REFERRAL_PLATFORM;
  if (isSandboxReferralPlatform(text)) return text;
  throw new ReferralPlatformChoiceError(
    `${where}=${value} is not a referral platform the sandbox runs: use ${SANDBOX_REFERRAL_PLATFORMS.join(', ')} (empty: ${DEFAULT_SANDBOX_REFERRAL_PLATFORM}).`,
  );
}

/** The platform `SANDBOX_REFERRAL_PLATFORM` names (default `dress-rehearsal`); a bad value is a ReferralPlatformChoiceError. */
export function referralPlatformFromEnv(env: NodeJS.ProcessEnv): SandboxReferralPlatform {
  return referralPlatformNamed(env[REFERRAL_PLATFORM_VARIABLE], REFERRAL_PLATFORM_VARIABLE);
}
