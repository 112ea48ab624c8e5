import { ConfigError } from '../../base/configError';
import { REFERRAL_PLATFORM_NAMES, type ReferralPlatformFactory, type ReferralPlatformName } from './referralPlatform';

/**
 * How a target or rehearsal.config.ts names its referral platform: one Dress Rehearsal has an adapter for, by name
 * (`'rewardful'`, `'dub'`, `'dress-rehearsal'`), or a factory of the team's own adapter.
 */
export type ReferralPlatformChoice = ReferralPlatformName | ReferralPlatformFactory;

/** The environment variable that names the referral platform; it wins over rehearsal.config.ts and the target. */
export const REFERRAL_PLATFORM_VARIABLE = 'REFERRAL_PLATFORM';

export function isReferralPlatformName(value: unknown): value is ReferralPlatformName {
  return typeof value === 'string' && (REFERRAL_PLATFORM_NAMES as readonly string[]).includes(value);
}

/** "dress-rehearsal, rewardful or dub" */
export function referralPlatformNamesInWords(): string {
  const names = [...REFERRAL_PLATFORM_NAMES];
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

/**
 * A name as written (trimmed, any case) → the platform's name; a one-line ConfigError (exit 2) listing the names
 * when it is none of them. `where` starts the sentence ("REFERRAL_PLATFORM", "rehearsal.config.ts: referral.platform").
 */
export function readReferralPlatformName(value: string, where: string): ReferralPlatformName {
  const name = value.trim().toLowerCase();
  if (isReferralPlatformName(name)) return name;
  throw new ConfigError(
    `${where} is "${value.trim()}", which is not a referral platform Dress Rehearsal knows: use ${referralPlatformNamesInWords()}, or a function (access) => ReferralPlatform of your own adapter (docs/referral-adapter.md).`,
  );
}

/** REFERRAL_PLATFORM from the environment (or .env), read; undefined when unset or blank. */
export function referralPlatformFromEnv(env: NodeJS.ProcessEnv): ReferralPlatformName | undefined {
  const value = env[REFERRAL_PLATFORM_VARIABLE];
  if (value === undefined || value.trim() === '') return undefined;
  return readReferralPlatformName(value, REFERRAL_PLATFORM_VARIABLE);
}

/** Each platform as the sign-off names it. */
export const REFERRAL_PLATFORM_LABELS: Record<ReferralPlatformName, string> = {
  'dress-rehearsal': "Dress Rehearsal's referral API",
  rewardful: 'Rewardful',
  dub: 'Dub',
};

/**
 * The platform a rehearsal uses, by name: `configured` (REFERRAL_PLATFORM or rehearsal.config.ts), else the target's
 * `referralPlatform`, else Dress Rehearsal's own; undefined when the choice is a team's own adapter (a factory).
 */
export function chosenReferralPlatformName(
  target: { referralPlatform?: ReferralPlatformChoice },
  configured?: ReferralPlatformChoice,
): ReferralPlatformName | undefined {
  const choice = configured ?? target.referralPlatform ?? 'dress-rehearsal';
  return typeof choice === 'string' ? choice : undefined;
}
