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
  let useSudo = false;
  return {
    name: "Debian's chromium (apt-get)",
    async applies() {
      if (!onPath('apt-get')) return false;
      if (process.getuid?.() === 0) return true;
      useSudo = onPath('sudo') && (await run('sudo', ['-n', 'true'], 'ignore')) === 0;
      return useSudo;
    },
    async install(log) {
      const prefix = useSudo ? ['sudo', '-n'] : [];
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      log(`▸ Installing Debian's chromium: ${[...prefix, 'apt-get update'].join(' ')}…`);
      await mustRun([...prefix, 'apt-get', '-q', 'update'], env);
      log(`▸ Installing Debian's chromium: ${[...prefix, 'apt-get install -y chromium'].join(' ')} (a minute or two)…`);
      await mustRun([...prefix, 'apt-get', '-q', '-y', '-o', 'Dpkg::Use-Pty=0', 'install', 'chromium'], env);
    },
  };
}

export function playwrightInstaller(): BrowserInstaller {
  return {
    name: "Playwright's Chromium (playwright install chromium)",
    applies: () => true,
    async install(log) {
      log('▸ Downloading Playwright\'s Chromium: playwright install chromium (needs internet)…');
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
