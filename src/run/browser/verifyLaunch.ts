import { OFFLINE_CHROMIUM_ARGS } from './chromiumFlags';
import { BrowserSetupError } from './browserSetupError';
import type { FoundBrowser } from './findBrowser';

/** Starts the browser once, headless with the rehearsal's flags, and returns its version; a broken install fails here, not mid-rehearsal. */
export async function verifyLaunch(browser: FoundBrowser): Promise<string> {
  const { chromium } = await import('@playwright/test');
  try {
    const launched = await chromium.launch({
      executablePath: browser.executablePath,
      headless: true,
      args: OFFLINE_CHROMIUM_ARGS,
      timeout: 60_000,
    });
    const version = launched.version();
    await launched.close();
    return version;
  } catch (error) {
    const cause = firstLine(error instanceof Error ? error.message : String(error));
    throw new BrowserSetupError(
      `Chromium at ${browser.executablePath ?? "Playwright's default path"} did not start (${cause}): ` +
        'reinstall it (sudo apt-get install --reinstall -y chromium) or set CHROMIUM_PATH to a working Chromium or Chrome binary.',
    );
  }
}

function firstLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'no error text';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
