import { test, expect } from '@playwright/test';
import { ensureBrowser, type EnsureBrowserDeps } from '../../../../src/run/browser/ensureBrowser';
import { BrowserSetupError } from '../../../../src/run/browser/browserSetupError';
import type { FoundBrowser } from '../../../../src/run/browser/findBrowser';
import type { BrowserInstaller } from '../../../../src/run/browser/installers';

const SYSTEM: FoundBrowser = { executablePath: '/usr/bin/chromium', source: 'system' };

/** Fakes for everything ensureBrowser touches: no apt, no download, no real browser. */
function fakes(
  options: { found?: FoundBrowser; afterInstall?: FoundBrowser; installers?: BrowserInstaller[]; shellInstaller?: BrowserInstaller } = {},
) {
  const log: string[] = [];
  const verified: FoundBrowser[] = [];
  let installed = false;
  const deps: Partial<EnsureBrowserDeps> = {
    env: {},
    find: () => (installed ? options.afterInstall : options.found),
    installers: async () =>
      (options.installers ?? []).map((installer) => ({
        ...installer,
        install: async (l: (line: string) => void) => {
          await installer.install(l);
          installed = true;
        },
      })),
    headlessShellInstaller: async () => {
      const shell = options.shellInstaller ?? installer('shell', false);
      return {
        ...shell,
        install: async (l: (line: string) => void) => {
          await shell.install(l);
          installed = true;
        },
      };
    },
    verifyLaunch: async (browser) => {
      verified.push(browser);
      return '130.0.0.0';
    },
    log: (line) => log.push(line),
  };
  return { deps, log, verified };
}

function installer(
  name: string,
  applies: boolean,
  install: () => Promise<void> = async () => {},
): BrowserInstaller & { ran: () => boolean } {
  let ran = false;
  return {
    name,
    applies: () => applies,
    install: async () => {
      ran = true;
      await install();
    },
    ran: () => ran,
  };
}

test('ensureBrowser says how to get a Chromium when none can be found or installed', async () => {
  const apt = installer('apt', true, async () => {
    throw new Error('`apt-get -q update` exited with code 100');
  });
  const playwright = installer('playwright', true);
  const { deps, log } = fakes({ installers: [apt, playwright] });

  const failure = ensureBrowser({ quiet: true }, deps);
  await expect(failure).rejects.toThrow(BrowserSetupError);
  await expect(failure).rejects.toThrow(
    "No Chromium found: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
  expect(apt.ran() && playwright.ran()).toBe(true);
  expect(log).toContain('  ✗ apt failed: `apt-get -q update` exited with code 100');
});

test('ensureBrowser skips installers that do not apply here', async () => {
  const apt = installer('apt', false);
  const playwright = installer('playwright', true);
  const { deps } = fakes({ installers: [apt, playwright], afterInstall: SYSTEM });
  await expect(ensureBrowser({ quiet: true }, deps)).resolves.toEqual(SYSTEM);
  expect(apt.ran()).toBe(false);
  expect(playwright.ran()).toBe(true);
});

test('ensureBrowser is silent and does not start the browser when quiet and one is there', async () => {
  const apt = installer('apt', true);
  const { deps, log, verified } = fakes({ found: SYSTEM, installers: [apt] });
  await expect(ensureBrowser({ quiet: true }, deps)).resolves.toEqual(SYSTEM);
  expect(log).toEqual([]);
  expect(verified).toEqual([]);
  expect(apt.ran()).toBe(false);
});

test('ensureBrowser checks the browser starts when not quiet, and right after installing one', async () => {
  const present = fakes({ found: SYSTEM });
  await ensureBrowser({}, present.deps);
  expect(present.verified).toEqual([SYSTEM]);
  expect(present.log).toEqual([
    '▸ Checking the browser… ✓ /usr/bin/chromium (system)',
    '▸ Checking that it starts (headless, offline flags)… ✓ Chromium 130.0.0.0',
  ]);

  const installedNow = fakes({ installers: [installer('apt', true)], afterInstall: SYSTEM });
  await ensureBrowser({ quiet: true }, installedNow.deps);
  expect(installedNow.verified).toEqual([SYSTEM]);
});

test('ensureBrowser rejects a CHROMIUM_PATH that does not exist, saying what to do', async () => {
  const { deps } = fakes({ found: SYSTEM });
  await expect(ensureBrowser({ quiet: true }, { ...deps, env: { CHROMIUM_PATH: '/nowhere/chromium' } })).rejects.toThrow(
    'CHROMIUM_PATH is set to /nowhere/chromium, which does not exist: point it at a Chromium or Chrome binary, or unset it.',
  );
});

const SHELL: FoundBrowser = { executablePath: '/usr/bin/chromium-headless-shell', source: 'headless-shell' };

test('setup installs the headless shell next to a system Chromium when it can, and starts that', async () => {
  const shell = installer('shell', true);
  const { deps, verified } = fakes({ found: SYSTEM, afterInstall: SHELL, shellInstaller: shell });
  await expect(ensureBrowser({ addHeadlessShell: true }, deps)).resolves.toEqual(SHELL);
  expect(shell.ran()).toBe(true);
  expect(verified).toEqual([SHELL]);
});

test('setup goes on with the system Chromium when the headless shell cannot be installed, saying so in one line', async () => {
  const failing = installer('shell', true, async () => {
    throw new Error('`apt-get -q -y install chromium-headless-shell` exited with code 100');
  });
  const { deps, log, verified } = fakes({ found: SYSTEM, shellInstaller: failing });
  await expect(ensureBrowser({ addHeadlessShell: true }, deps)).resolves.toEqual(SYSTEM);
  expect(log).toContain('  ✗ shell failed: `apt-get -q -y install chromium-headless-shell` exited with code 100; using /usr/bin/chromium');
  expect(verified).toEqual([SYSTEM]);

  const notRoot = fakes({ found: SYSTEM, shellInstaller: installer('shell', false) });
  await expect(ensureBrowser({ addHeadlessShell: true }, notRoot.deps)).resolves.toEqual(SYSTEM);
  expect(notRoot.log.some((line) => line.includes('sudo apt-get install -y chromium-headless-shell'))).toBe(true);
});

test('a quiet check (npm test) never installs the headless shell', async () => {
  const shell = installer('shell', true);
  const { deps } = fakes({ found: SYSTEM, afterInstall: SHELL, shellInstaller: shell });
  await expect(ensureBrowser({ quiet: true }, deps)).resolves.toEqual(SYSTEM);
  expect(shell.ran()).toBe(false);
});
