import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { ConfigError } from './configError';

export { ConfigError } from './configError';

export interface RehearsalConfig {
  mode: 'test';
  targetName: string;
  eventTimeoutMs: number;
  partnerKey?: string;
}

export const REHEARSAL_MODES = ['test'] as const;
export const DEFAULT_TARGET = 'demo';
export const DEFAULT_EVENT_TIMEOUT_MS = 15_000;

export interface LoadConfigOptions {
  /** The .env file to read; default `<cwd>/.env`; false reads none. */
  envFile?: string | false;
}

/**
 * Reads the rehearsal settings. A `.env` file fills in variables not already set in `env` (which it
 * writes to, as dotenv does); nothing already set is overridden.
 */
export function loadRehearsalConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): RehearsalConfig {
  const envFile = options.envFile ?? path.resolve(process.cwd(), '.env');
  if (envFile !== false) {
    const { error } = loadDotenv({ path: envFile, processEnv: env as Record<string, string>, override: false, quiet: true });
    if (error && (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`Could not read ${envFile} (${error.message}): fix or remove the file.`);
    }
  }

  const config: RehearsalConfig = {
    mode: readMode(env.REHEARSAL_MODE),
    targetName: readText(env.REHEARSAL_TARGET) ?? DEFAULT_TARGET,
    eventTimeoutMs: readTimeout(env.REHEARSAL_EVENT_TIMEOUT_MS),
  };
  const partnerKey = readText(env.REHEARSAL_PARTNER);
  if (partnerKey !== undefined) config.partnerKey = partnerKey;
  return config;
}

function readText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readMode(value: string | undefined): 'test' {
  const mode = (readText(value) ?? 'test').toLowerCase();
  if (mode === 'test') return 'test';
  if (mode === 'live') {
    throw new ConfigError('Live mode is not available yet: set REHEARSAL_MODE=test');
  }
  throw new ConfigError(
    `REHEARSAL_MODE="${value}" is not a mode: set REHEARSAL_MODE to one of ${REHEARSAL_MODES.join(', ')} (or leave it unset for test).`,
  );
}

function readTimeout(value: string | undefined): number {
  const text = readText(value);
  if (text === undefined) return DEFAULT_EVENT_TIMEOUT_MS;
  const ms = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new ConfigError(
      `REHEARSAL_EVENT_TIMEOUT_MS="${value}" is not a positive whole number of milliseconds: set it to e.g. ${DEFAULT_EVENT_TIMEOUT_MS} or unset it.`,
    );
  }
  return ms;
}
