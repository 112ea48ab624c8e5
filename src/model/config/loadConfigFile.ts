import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../../base/configError';
import { describeLoadError } from '../../base/describeLoadError';
import { checkFileConfig, type FileSettings } from './fileSettings';

/** `<repo root>/rehearsal.config.ts`. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../../rehearsal.config.ts', import.meta.url));

/**
 * Imports `rehearsal.config.ts` (or `file`) and checks it. No file → empty settings (the built-in defaults). A file
 * that does not load (a syntax error, a failing import) or whose values are wrong → a one-line ConfigError naming it.
 */
export async function loadConfigFile(file: string = DEFAULT_CONFIG_FILE): Promise<FileSettings> {
  if (!(await isFile(file))) return { urls: {}, checklistSkip: [], amountCap: {} };
  const label = path.basename(file);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(`${label} could not be loaded (${describeLoadError(error)}): fix it, or remove it to use the defaults.`, {
      cause: error,
    });
  }
  if (loaded.default === undefined) {
    throw new ConfigError(
      `${label} has no default export: write \`export default defineConfig({ ... })\` (see src/model/config/defineConfig.ts).`,
    );
  }
  return { file, ...checkFileConfig(loaded.default, label) };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
