import { existsSync } from 'node:fs';

export interface FoundBrowser {
  executablePath: string | undefined;
  source: 'env' | 'system' | 'playwright';
}

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Finds a Chromium to drive, without installing anything: CHROMIUM_PATH, then a system Chromium. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, source: 'env' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  return undefined;
}
