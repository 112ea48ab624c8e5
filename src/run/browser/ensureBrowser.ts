import { existsSync } from 'node:fs';
import { BrowserSetupError, NO_CHROMIUM_MESSAGE } from './browserSetupError';
import { describeBrowser, findBrowser, type FoundBrowser } from './findBrowser';
import type { BrowserInstaller } from './installers';

export interface EnsureBrowserOptions {
  /** Print nothing when a browser is already there (npm test's pretest). Installs still show progress. */
  quiet?: boolean;
  /** Start the browser once to prove it works. Default: when not quiet; always right after an install. */
  verify?: boolean;
  /** When the browser found is a system Chromium, install Chromium's headless shell next to it if this machine can (`npm run setup`). */
  addHeadlessShell?: boolean;
}

/** What ensureBrowser touches, injectable so tests need neither apt nor a real browser. */
export interface EnsureBrowserDeps {
  env: NodeJS.ProcessEnv;
  find: (env: NodeJS.ProcessEnv) => FoundBrowser | undefined;
  installers: () => Promise<BrowserInstaller[]>;
  headlessShellInstaller: () => Promise<BrowserInstaller>;
  verifyLaunch: (browser: FoundBrowser) => Promise<string>;
  log: (line: string) => void;
}

const defaultDeps: EnsureBrowserDeps = {
  env: process.env,
  find: findBrowser,
  installers: async () => (await import('./installers')).defaultInstallers(),
  headlessShellInstaller: async () => (await import('./installers')).aptHeadlessShellInstaller(),
  verifyLaunch: async (browser) => (await import('./verifyLaunch')).verifyLaunch(browser),
  log: (line) => console.log(line),
};

/** Finds a Chromium, installing one if none is there; throws BrowserSetupError (one line) when that is impossible. */
export async function ensureBrowser(options: EnsureBrowserOptions = {}, overrides: Partial<EnsureBrowserDeps> = {}): Promise<FoundBrowser> {
  const deps = { ...defaultDeps, ...overrides };
  const { quiet = false } = options;

  const configured = deps.env.CHROMIUM_PATH;
  if (configured && !existsSync(configured)) {
    throw new BrowserSetupError(
      `CHROMIUM_PATH is set to ${configured}, which does not exist: point it at a Chromium or Chrome binary, or unset it.`,
    );
  }

  const found = deps.find(deps.env);
  if (found) {
    if (!quiet) deps.log(`▸ Checking the browser… ✓ ${describeBrowser(found)}`);
    const browser = options.addHeadlessShell && found.source === 'system' ? await addHeadlessShell(found, deps) : found;
    if (options.verify ?? !quiet) await checkItStarts(browser, deps);
    return browser;
  }

  deps.log('▸ Checking the browser… ✗ none found; installing one');
  for (const installer of await deps.installers()) {
    if (!(await installer.applies())) continue;
    try {
      await installer.install(deps.log);
    } catch (error) {
      deps.log(`  ✗ ${installer.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const installed = deps.find(deps.env);
    if (installed) {
      deps.log(`▸ Checking the browser… ✓ ${describeBrowser(installed)}`);
      await checkItStarts(installed, deps);
      return installed;
    }
  }
  throw new BrowserSetupError(NO_CHROMIUM_MESSAGE);
}

/** The headless shell installed next to `chromium` when this machine can; `chromium` otherwise, saying why in one line. */
async function addHeadlessShell(chromium: FoundBrowser, deps: EnsureBrowserDeps): Promise<FoundBrowser> {
  const installer = await deps.headlessShellInstaller();
  if (!(await installer.applies())) {
    deps.log(
      `  · No headless shell: headless runs are faster with it (sudo apt-get install -y chromium-headless-shell); using ${chromium.executablePath}`,
    );
    return chromium;
  }
  try {
    await installer.install(deps.log);
  } catch (error) {
    deps.log(`  ✗ ${installer.name} failed: ${error instanceof Error ? error.message : String(error)}; using ${chromium.executablePath}`);
    return chromium;
  }
  const shell = deps.find(deps.env);
  if (shell?.source !== 'headless-shell') return chromium;
  deps.log(`▸ Checking the browser… ✓ ${describeBrowser(shell)}`);
  return shell;
}

async function checkItStarts(browser: FoundBrowser, deps: EnsureBrowserDeps): Promise<void> {
  const version = await deps.verifyLaunch(browser);
  deps.log(`▸ Checking that it starts (headless, offline flags)… ✓ Chromium ${version}`);
}
