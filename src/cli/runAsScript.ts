import { reportFailure } from './errors';

/** Runs one command as a process: sets the exit code, and prints a known error as one line (no stack). */
export async function runAsScript(command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
