import { config as loadDotenv } from 'dotenv';
import { ConfigError } from '../../base/configError';

/** Typed on the command line for each live run (`--confirm-live`): never taken from a file. */
export const CONFIRM_LIVE_FLAG_VARIABLE = 'REHEARSAL_CONFIRM_LIVE_FLAG';

/** The variables of a .env file; undefined when there is no such file; an unreadable one is a ConfigError. */
export function readEnvFile(file: string): Record<string, string> | undefined {
  const fromFile: Record<string, string> = {};
  const { error } = loadDotenv({ path: file, processEnv: fromFile, override: true, quiet: true });
  if (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Could not read ${file} (${error.message}): fix or remove the file.`);
  }
  return fromFile;
}

/** Sets each variable `env` does not have yet (never REHEARSAL_CONFIRM_LIVE_FLAG). */
export function fillUnset(env: NodeJS.ProcessEnv, variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (name !== CONFIRM_LIVE_FLAG_VARIABLE && env[name] === undefined) env[name] = value;
  }
}
