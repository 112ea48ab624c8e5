import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Runs the local Playwright CLI with the terminal attached (its list reporter shows progress) and resolves with
 * its exit code. Ctrl-C reaches Playwright directly; this process waits for it so the report still gets built.
 */
export function runPlaywright(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env: options.env, stdio: 'inherit' });
  const ignoreInterrupt = () => {}; // the child got the same SIGINT from the terminal
  const forwardTerminate = () => child.kill('SIGTERM');
  process.on('SIGINT', ignoreInterrupt);
  process.on('SIGTERM', forwardTerminate);
  return new Promise((resolve, reject) => {
    const done = () => {
      process.off('SIGINT', ignoreInterrupt);
      process.off('SIGTERM', forwardTerminate);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (code, signal) => {
      done();
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}
