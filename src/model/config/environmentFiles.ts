import path from 'node:path';
import { isTargetPath, TARGET_NAME_PATTERN } from '../target/loadTarget';
import { ConfigError } from '../../base/configError';
import { fillUnset, readEnvFile } from './envFile';
import { DEFAULT_TARGET } from './rehearsalConfig';

/** The variable that chooses the target; a target's own .env never sets it. */
export const TARGET_VARIABLE = 'REHEARSAL_TARGET';

export interface EnvironmentFiles {
  /** The project's `.env`; false reads none. */
  projectEnvFile: string | false;
  /** The folder holding the targets (`targets/`): the chosen target's `<targetsDir>/<name>/.env` is read; false reads none. */
  targetsDir: string | false;
  /** rehearsal.config.ts's `target`, used when neither the environment nor the project's .env names one. */
  configTarget?: string;
  /** The target chosen by the caller (a Playwright project's `targetName`): wins over every other choice. */
  targetName?: string;
}

/**
 * Fills `env` from the environment files, each filling only what is still unset: the environment wins, then the
 * chosen target's own `targets/<name>/.env` (the more specific file), then the project's `.env`. The target is the
 * caller's, else REHEARSAL_TARGET from the environment or the project's .env, else rehearsal.config.ts's, else demo:
 * never the target's own file (a REHEARSAL_TARGET there naming another target is a ConfigError). Returns the target
 * chosen and the target file read, if it exists. REHEARSAL_CONFIRM_LIVE_FLAG is never taken from a file.
 */
export function fillFromEnvironmentFiles(env: NodeJS.ProcessEnv, files: EnvironmentFiles): { targetName: string; targetEnvFile?: string } {
  const project = (files.projectEnvFile === false ? undefined : readEnvFile(files.projectEnvFile)) ?? {};
  const targetName =
    files.targetName ?? text(env[TARGET_VARIABLE]) ?? text(project[TARGET_VARIABLE]) ?? files.configTarget ?? DEFAULT_TARGET;
  const targetEnvFile = files.targetsDir === false ? undefined : targetEnvFileOf(targetName, files.targetsDir);
  const own = targetEnvFile === undefined ? undefined : readEnvFile(targetEnvFile);
  if (own) {
    const named = text(own[TARGET_VARIABLE]);
    if (named !== undefined && named !== targetName) {
      throw new ConfigError(
        `${shown(targetEnvFile!)} sets ${TARGET_VARIABLE}=${named}, but the target is ${targetName} and its own file cannot choose another: ` +
          `remove the line, and choose the target with ${TARGET_VARIABLE} in the environment or .env, or target in rehearsal.config.ts.`,
      );
    }
    delete own[TARGET_VARIABLE];
    fillUnset(env, own);
  }
  fillUnset(env, project);
  return { targetName, ...(own && targetEnvFile ? { targetEnvFile } : {}) };
}

/**
 * `<targetsDir>/<name>/.env`, or `<folder>/.env` for a target given as a path (absolute, or with a `/`, as
 * loadTarget takes it); undefined for a name no target can have (loadTarget says so).
 */
export function targetEnvFileOf(targetName: string, targetsDir: string): string | undefined {
  if (isTargetPath(targetName)) return path.join(path.resolve(targetName), '.env');
  return TARGET_NAME_PATTERN.test(targetName) ? path.join(targetsDir, targetName, '.env') : undefined;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The file relative to the working directory when it is inside it (`targets/acme/.env`), else as given. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}
