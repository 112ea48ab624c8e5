import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../../base/configError';
import { describeLoadError } from '../../base/describeLoadError';
import type { Target } from './contract';
import { isReferralPlatformName, referralPlatformNamesInWords } from './referralPlatformChoice';

/** `<repo root>/targets`: one directory per target, each with its `target.ts`. */
export const TARGETS_DIR = fileURLToPath(new URL('../../../targets', import.meta.url));

/** The file a target's directory must have: its `export default` is the `Target`. */
export const TARGET_ENTRY_FILE = 'target.ts';

/** A target's name is its directory's: lowercase letters, digits and dashes (`rehearse init` checks the same). */
export const TARGET_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A target given as a path to its folder (absolute, or with a `/`) rather than by its name under targets/. */
export function isTargetPath(name: string): boolean {
  return path.isAbsolute(name) || name.includes('/') || name.includes(path.sep);
}

export interface LoadTargetOptions {
  /** Where the target directories are; default `<repo root>/targets`. */
  targetsDir?: string;
}

/**
 * Imports `targets/<name>/target.ts` by its path (no registry to edit) and checks its default export looks like a
 * `Target` named like its folder. `name` may also be a path to a target's folder (absolute, or with a `/`), for a
 * target kept elsewhere (tests do). An unknown name, a file that does not load, or an export that is not a Target
 * is a one-line ConfigError naming the file and what to do.
 */
export async function loadTarget(name: string, options: LoadTargetOptions = {}): Promise<Target> {
  const targetsDir = options.targetsDir ?? TARGETS_DIR;
  const givenAsPath = isTargetPath(name);
  const dir = givenAsPath ? path.resolve(name) : path.join(targetsDir, name);
  const file = path.join(dir, TARGET_ENTRY_FILE);
  const shown = path.relative(path.dirname(targetsDir), file).split(path.sep).join('/');
  if (givenAsPath ? !(await isFile(file)) : !TARGET_NAME_PATTERN.test(name) || !(await isFile(file))) {
    throw new ConfigError(await unknownTargetMessage(name, targetsDir, givenAsPath ? shown : undefined));
  }
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(`${shown} could not be loaded (${describeLoadError(error)}): fix the file, then run again.`, { cause: error });
  }
  const target = loaded.default;
  if (target === undefined) {
    throw new ConfigError(`${shown} has no default export: end it with \`export default\` your Target (see targets/README.md).`);
  }
  const missing = missingParts(target);
  if (missing.length > 0) {
    throw new ConfigError(
      `${shown}: its default export is not a Target, it lacks ${missing.join(', ')} (see src/model/target/contract.ts).`,
    );
  }
  const named = (target as Target).name;
  const folder = path.basename(dir);
  if (named !== folder) {
    throw new ConfigError(`${shown}: the target is named "${named}" but lives in the folder ${folder}/: set its name to "${folder}".`);
  }
  return target as Target;
}

/** The names of the directories under `targetsDir` that hold a `target.ts`, sorted. */
export async function listTargetNames(targetsDir: string = TARGETS_DIR): Promise<string[]> {
  const entries = await readdir(targetsDir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await isFile(path.join(targetsDir, entry.name, TARGET_ENTRY_FILE)))) names.push(entry.name);
  }
  return names.sort();
}

async function unknownTargetMessage(name: string, targetsDir: string, shownFile: string | undefined): Promise<string> {
  const known = await listTargetNames(targetsDir);
  const found = known.length > 0 ? `the targets are ${known.join(', ')}` : 'there is no target yet';
  const valid = TARGET_NAME_PATTERN.test(name);
  const why =
    shownFile !== undefined
      ? `there is no ${shownFile}`
      : valid
        ? `there is no targets/${name}/${TARGET_ENTRY_FILE}`
        : 'a target is named after its directory (lowercase letters, digits, dashes)';
  return (
    `No target "${name}": ${why} (${found}). ` +
    `Set REHEARSAL_TARGET (or target in rehearsal.config.ts) to one of them, or create it with \`npx rehearse init ${valid ? name : '<name>'}\`.`
  );
}

/** What a Target must have, as "name (a string)"-style phrases; empty when it has all of it. */
function missingParts(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['everything (it is not an object)'];
  const target = value as Record<string, unknown>;
  const wanted: Array<[keyof Target, 'string' | 'object' | 'function']> = [
    ['name', 'string'],
    ['catalogue', 'object'],
    ['capabilities', 'object'],
    ['goLive', 'object'],
    ['connect', 'function'],
    ['flows', 'function'],
  ];
  const missing: string[] = wanted
    .filter(([key, type]) => typeof target[key] !== type || target[key] === null)
    .map(([key, type]) => `${key} (${type === 'object' ? 'an object' : `a ${type}`})`);
  if (
    target.referralPlatform !== undefined &&
    typeof target.referralPlatform !== 'function' &&
    !isReferralPlatformName(target.referralPlatform)
  ) {
    missing.push(`referralPlatform as ${referralPlatformNamesInWords()}, or a function (or leave it out)`);
  }
  const settle = target.settleWindowMs;
  if (settle !== undefined && !(typeof settle === 'number' && Number.isSafeInteger(settle) && settle > 0)) {
    missing.push('settleWindowMs as a positive whole number of milliseconds (or leave it out)');
  }
  return missing;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
