import { execFile } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/rehearse.mjs');
const ROOT = path.resolve(import.meta.dirname, '../..');
/** Variables of the parent run (or the developer's shell) that must not reach a command under test. */
const REHEARSAL_VARIABLES =
  /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_TEST|FORCE_COLOR)/;

export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/rehearse.mjs <args>` in the project folder. `env` is laid over this process's environment, which keeps
 * its rehearsal variables unless `clean` (then only `env`'s reach the command); the test run's REHEARSAL_RUN_ID never
 * does.
 */
export function runRehearse(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { clean?: boolean; timeoutMs?: number } = {},
): Promise<CommandOutcome> {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!options.clean || !REHEARSAL_VARIABLES.test(name)) base[name] = value;
  delete base.REHEARSAL_RUN_ID;
  const childEnv = { ...base, FORCE_COLOR: '0', ...env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: childEnv, timeout: options.timeoutMs ?? 150_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The non-blank lines of a command's output. */
export function outputLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
