import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One way of installing Chromium; `install` resolves when the command succeeded, rejects with one line otherwise. */
export interface BrowserInstaller {
  name: string;
  /** Whether this installer can run on this machine at all (cheap checks only). */
  applies(): boolean | Promise<boolean>;
  install(log: (line: string) => void): Promise<void>;
}

/** The installers ensureBrowser tries, in order: Debian's package (as root, or with password-less sudo), then Playwright's download. */
export function defaultInstallers(): BrowserInstaller[] {
  return [aptInstaller(), playwrightInstaller()];
}

export function aptInstaller(): BrowserInstaller {
  return aptPackagesInstaller("Debian's chromium (apt-get)", [
    { name: 'chromium', doing: "Installing Debian's chromium", note: ' (a minute or two)' },
    // Optional: headless runs use it when it is there (findBrowser); a distribution without it keeps chromium alone.
    { ...HEADLESS_SHELL, whenMissing: (why) => `  · Chromium's headless shell was not installed (${why}): the runs use chromium` },
  ]);
}

/** Debian's chromium-headless-shell next to a system Chromium: headless runs are faster on it (see findBrowser). */
export function aptHeadlessShellInstaller(): BrowserInstaller {
  return aptPackagesInstaller("Chromium's headless shell (apt-get)", [HEADLESS_SHELL]);
}

/** A Debian package to install; with `whenMissing`, optional: its failure is logged with that line and the install goes on. */
interface AptPackage {
  name: string;
  doing: string;
  note?: string;
  whenMissing?: (why: string) => string;
}

const HEADLESS_SHELL: AptPackage = { name: 'chromium-headless-shell', doing: "Installing Chromium's headless shell" };

/** apt-get update, then each package in turn. */
function aptPackagesInstaller(name: string, packages: AptPackage[]): BrowserInstaller {
  const apt = aptAccess();
  return {
    name,
    applies: apt.applies,
    async install(log) {
      await apt.update(log, packages[0]!.doing);
      for (const { name: packageName, doing, note, whenMissing } of packages) {
        const installing = apt.install(packageName, log, doing, note);
        await (whenMissing ? installing.catch((error: Error) => log(whenMissing(error.message))) : installing);
      }
    },
  };
}

/** apt-get as root, or through password-less sudo; `applies` must be called before `update` and `install`. */
function aptAccess() {
  let useSudo = false;
  return {
    async applies(): Promise<boolean> {
      if (!onPath('apt-get')) return false;
      if (process.getuid?.() === 0) return true;
      useSudo = onPath('sudo') && (await run('sudo', ['-n', 'true'], 'ignore')) === 0;
      return useSudo;
    },
    update(log: (line: string) => void, doing: string): Promise<void> {
      return aptGet(['-q', 'update'], 'apt-get update', log, doing);
    },
    install(name: string, log: (line: string) => void, doing: string, note = ''): Promise<void> {
      return aptGet(['-q', '-y', '-o', 'Dpkg::Use-Pty=0', 'install', name], `apt-get install -y ${name}${note}`, log, doing);
    },
  };

  async function aptGet(args: string[], shown: string, log: (line: string) => void, doing: string): Promise<void> {
    const prefix = useSudo ? ['sudo', '-n'] : [];
    log(`▸ ${doing}: ${[...prefix, shown].join(' ')}…`);
    await mustRun([...prefix, 'apt-get', ...args], { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
  }
}

export function playwrightInstaller(): BrowserInstaller {
  return {
    name: "Playwright's Chromium (playwright install chromium)",
    applies: () => true,
    async install(log) {
      log("▸ Downloading Playwright's Chromium: playwright install chromium (needs internet)…");
      const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
      await mustRun([process.execPath, cli, 'install', 'chromium'], process.env, 'playwright install chromium');
    },
  };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${command}`));
}

async function mustRun(argv: string[], env: NodeJS.ProcessEnv, label = argv.join(' ')): Promise<void> {
  const [command, ...args] = argv as [string, ...string[]];
  const code = await run(command, args, 'inherit', env);
  if (code !== 0) throw new Error(`\`${label}\` exited with code ${code}`);
}

/** Runs a command with no stdin; the installers' own output (apt's progress) goes to this process's stderr. */
function run(command: string, args: string[], output: 'inherit' | 'ignore', env = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', output === 'inherit' ? process.stderr : 'ignore', output] });
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
