import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface FoundBrowser {
  executablePath: string | undefined;
  source: 'env' | 'system' | 'playwright';
}

export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Finds a Chromium to drive, without installing anything: CHROMIUM_PATH, then a system Chromium,
 * then the one `npx playwright install chromium` downloads. Playwright is loaded only when the first
 * two miss, so the usual case stays fast (`npm test`'s pretest calls this).
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, source: 'env' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  const downloaded = playwrightChromiumPath();
  if (downloaded && existsSync(downloaded)) return { executablePath: downloaded, source: 'playwright' };
  return undefined;
}

/** Where Playwright keeps its own Chromium (it may not be downloaded); undefined if Playwright cannot say. */
export function playwrightChromiumPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('@playwright/test') as typeof import('@playwright/test');
    return chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

/** "/usr/bin/chromium (system)" — how progress lines name a found browser. */
export function describeBrowser(browser: FoundBrowser): string {
  const where = { env: 'CHROMIUM_PATH', system: 'system', playwright: "Playwright's download" }[browser.source];
  return `${browser.executablePath ?? 'Playwright default'} (${where})`;
}
