import path from 'node:path';
import type { ChecklistItemId } from '../checklist/catalogue';
import { referralPlatformFromEnv, type ReferralPlatformChoice } from '../target/referralPlatformChoice';
import { EXTERNAL_VARIABLES } from '../target/externalEnvironment';
import { TARGETS_DIR } from '../target/loadTarget';
import { fillFromEnvironmentFiles } from './environmentFiles';
import type { FileSettings } from './fileSettings';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from './loadConfigFile';
import { loadRehearsalConfig, type RehearsalConfig } from './rehearsalConfig';
import { sinkForwardingFrom } from './sinkForwarding';

/** The whole configuration of one rehearsal: the environment's settings plus rehearsal.config.ts's. */
export interface RehearsalSettings extends RehearsalConfig {
  /** Checklist items this rehearsal does not cover (rehearsal.config.ts `checklist.skip`). */
  checklistSkip: ChecklistItemId[];
  /** Per-currency caps in minor units (rehearsal.config.ts `amountCap`); REHEARSAL_MAX_AMOUNT still wins. */
  amountCap: Record<string, number>;
  /** REFERRAL_PLATFORM, else rehearsal.config.ts `referral.platform`: wins over the target's own. */
  referralPlatform?: ReferralPlatformChoice;
  /** The rehearsal.config.ts that was read; absent when there is none. */
  configFile?: string;
  /** The chosen target's own `targets/<name>/.env`, when it exists (it was read). */
  targetEnvFile?: string;
}

export interface LoadRehearsalOptions {
  /** The project's .env file to read; default `<cwd>/.env`; false reads none. */
  envFile?: string | false;
  /**
   * Where the targets' folders are: the chosen target's `<targetsDir>/<name>/.env` is read. Default `<repo
   * root>/targets`, or none when `envFile` is false; false reads none.
   */
  targetsDir?: string | false;
  /** The target to rehearse when the caller already knows it (a Playwright project's `targetName`); wins over every other choice. */
  targetName?: string;
  /** Default `<repo root>/rehearsal.config.ts`; a missing file means the built-in defaults. */
  configFile?: string;
}

/** Which environment variable each of rehearsal.config.ts's `urls` is the default of. */
export const URL_VARIABLES = {
  merchant: EXTERNAL_VARIABLES.merchantUrl,
  providerApi: EXTERNAL_VARIABLES.providerApiBase,
  referralApi: EXTERNAL_VARIABLES.referralApiBase,
} as const satisfies Record<keyof FileSettings['urls'], string>;

/**
 * Reads the rehearsal's configuration with its precedence: the environment, then the chosen target's own
 * `targets/<name>/.env`, then the project's `.env` (each filling only what is still unset), then rehearsal.config.ts,
 * then the built-in defaults. The target is chosen by the caller's `targetName`, else REHEARSAL_TARGET from the
 * environment or the project's .env, else rehearsal.config.ts's `target` (never by the target's own file). The file's
 * `urls` are written into `env` as the defaults of REHEARSAL_MERCHANT_URL, REHEARSAL_PROVIDER_API_BASE and
 * REFERRAL_API_BASE, so the target's `connect({ env })` sees them. Every problem is a one-line ConfigError.
 */
export async function loadRehearsal(env: NodeJS.ProcessEnv = process.env, options: LoadRehearsalOptions = {}): Promise<RehearsalSettings> {
  const envFile = options.envFile ?? path.resolve(process.cwd(), '.env');
  const file = await loadConfigFile(options.configFile ?? DEFAULT_CONFIG_FILE);
  const { targetName, targetEnvFile } = fillFromEnvironmentFiles(env, {
    projectEnvFile: envFile,
    targetsDir: options.targetsDir ?? (envFile === false ? false : TARGETS_DIR),
    ...(file.target !== undefined ? { configTarget: file.target } : {}),
    ...(options.targetName !== undefined ? { targetName: options.targetName } : {}),
  });
  for (const [setting, variable] of Object.entries(URL_VARIABLES) as Array<[keyof FileSettings['urls'], string]>) {
    const url = file.urls[setting];
    if (url !== undefined && !env[variable]?.trim()) env[variable] = url;
  }
  // Checked with the rest of the configuration, before anything runs (the run's sink relay reads it again).
  sinkForwardingFrom(env);
  const config = loadRehearsalConfig(env, {
    envFile: false,
    defaults: {
      ...(file.target !== undefined ? { targetName: file.target } : {}),
      ...(file.eventTimeoutMs !== undefined ? { eventTimeoutMs: file.eventTimeoutMs } : {}),
      ...(file.settleWindowMs !== undefined ? { settleWindowMs: file.settleWindowMs } : {}),
    },
  });
  const referralPlatform = referralPlatformFromEnv(env) ?? file.referralPlatform;
  return {
    ...config,
    targetName,
    ...(targetEnvFile !== undefined ? { targetEnvFile } : {}),
    checklistSkip: file.checklistSkip,
    amountCap: file.amountCap,
    ...(referralPlatform ? { referralPlatform } : {}),
    ...(file.file ? { configFile: file.file } : {}),
  };
}
