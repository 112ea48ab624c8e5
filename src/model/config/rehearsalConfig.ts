import path from 'node:path';
import { ConfigError } from '../../base/configError';
import { fillUnset, readEnvFile } from './envFile';

export { ConfigError } from '../../base/configError';

export type RehearsalMode = 'test' | 'live';

export interface RehearsalConfig {
  /** `test` (nightly regression, test keys only) or `live` (a real payment under the live guard, src/guards/liveMode). */
  mode: RehearsalMode;
  targetName: string;
  eventTimeoutMs: number;
  /** REHEARSAL_SETTLE_WINDOW_MS, else rehearsal.config.ts's; absent: the target's, else 5 s (fixtures/journey/settleWindow.ts settleWindowMs). */
  settleWindowMs?: number;
  partnerKey?: string;
}

export const REHEARSAL_MODES = ['test', 'live'] as const;

/**
 * Set by `rehearse run --confirm-live` for the Playwright run it starts (or by hand for `npx playwright test`).
 * Never taken from a .env file: the confirmation is typed for each run.
 */
export { CONFIRM_LIVE_FLAG_VARIABLE } from './envFile';
export const DEFAULT_TARGET = 'demo';
export const DEFAULT_EVENT_TIMEOUT_MS = 15_000;

export interface LoadConfigOptions {
  /** The .env file to read; default `<cwd>/.env`; false reads none. */
  envFile?: string | false;
  /** What to use when the environment does not say (rehearsal.config.ts's values; see loadRehearsal). */
  defaults?: { targetName?: string; eventTimeoutMs?: number; settleWindowMs?: number };
}

/**
 * Reads the rehearsal settings. A `.env` file fills in variables not already set in `env` (which it
 * writes to, as dotenv does); nothing already set is overridden. The file never supplies
 * REHEARSAL_CONFIRM_LIVE_FLAG (the operator's per-run confirmation).
 */
export function loadRehearsalConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): RehearsalConfig {
  const envFile = options.envFile ?? path.resolve(process.cwd(), '.env');
  if (envFile !== false) fillFromEnvFile(env, envFile);

  const config: RehearsalConfig = {
    mode: readMode(env.REHEARSAL_MODE),
    targetName: readText(env.REHEARSAL_TARGET) ?? options.defaults?.targetName ?? DEFAULT_TARGET,
    eventTimeoutMs: readTimeout(env.REHEARSAL_EVENT_TIMEOUT_MS) ?? options.defaults?.eventTimeoutMs ?? DEFAULT_EVENT_TIMEOUT_MS,
  };
  const settleWindowMs =
    readTimeout(env.REHEARSAL_SETTLE_WINDOW_MS, 'REHEARSAL_SETTLE_WINDOW_MS', 5_000) ?? options.defaults?.settleWindowMs;
  if (settleWindowMs !== undefined) config.settleWindowMs = settleWindowMs;
  const partnerKey = readText(env.REHEARSAL_PARTNER);
  if (partnerKey !== undefined) config.partnerKey = partnerKey;
  return config;
}

/** Sets every variable of the .env file that `env` does not have yet (never REHEARSAL_CONFIRM_LIVE_FLAG); no file is fine. */
export function fillFromEnvFile(env: NodeJS.ProcessEnv, envFile: string): void {
  fillUnset(env, readEnvFile(envFile) ?? {});
}

function readText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readMode(value: string | undefined): RehearsalMode {
  const mode = (readText(value) ?? 'test').toLowerCase();
  if (mode === 'test' || mode === 'live') return mode;
  throw new ConfigError(
    `REHEARSAL_MODE="${value}" is not a mode: set REHEARSAL_MODE to one of ${REHEARSAL_MODES.join(', ')} (or leave it unset for test).`,
  );
}

function readTimeout(
  value: string | undefined,
  variable = 'REHEARSAL_EVENT_TIMEOUT_MS',
  example = DEFAULT_EVENT_TIMEOUT_MS,
): number | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new ConfigError(`${variable}="${value}" is not a positive whole number of milliseconds: set it to e.g. ${example} or unset it.`);
  }
  return ms;
}
