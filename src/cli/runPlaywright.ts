import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';

/** How the Playwright process ended. */
export interface PlaywrightExit {
  /** Its exit code; when a signal ended it, 128 + the signal's number, as a shell reports it. */
  exitCode: number;
  /** The signal that ended it, when one did (SIGKILL from the OOM killer, a `kill` aimed at it). */
  signal?: NodeJS.Signals;
}

/**
 * Runs the local Playwright CLI with the terminal attached (its list reporter shows progress) and resolves with how
 * it ended. SIGINT and SIGTERM sent to this process are passed on to it, so Playwright stops the tests and runs
 * their teardown (each test's cleanup) however the signal arrived: a terminal's Ctrl-C (which reaches both processes:
 * Playwright ignores a second SIGINT within a second of the first), a CI runner's cancel or a `kill -INT` aimed at
 * `rehearse` alone. SIGINT is passed on once: a second one is the operator's to give (see InterruptCleanup).
 */
export function runPlaywright(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<PlaywrightExit> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env: options.env, stdio: 'inherit' });
  let interruptForwarded = false;
  const forwardInterrupt = () => {
    if (interruptForwarded) return;
    interruptForwarded = true;
    child.kill('SIGINT');
  };
  const forwardTerminate = () => child.kill('SIGTERM');
  process.on('SIGINT', forwardInterrupt);
  process.on('SIGTERM', forwardTerminate);
  return new Promise((resolve, reject) => {
    const done = () => {
      process.off('SIGINT', forwardInterrupt);
      process.off('SIGTERM', forwardTerminate);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (code, signal) => {
      done();
      if (signal) resolve({ exitCode: 128 + (constants.signals[signal] ?? 0), signal });
      else resolve({ exitCode: code ?? 1 });
    });
  });
}
