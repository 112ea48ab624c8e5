import { RehearsalError } from '../base/errors';
import { redactText } from '../base/redact';

/** The command line was wrong (unknown command or flag): exit code 2. */
export class UsageError extends RehearsalError {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/**
 * How an error ends the process. A RehearsalError prints its one line (the message's first line, then its advice)
 * and ends with its own exit code; anything else is a bug and keeps its stack. Secrets are removed either way.
 */
export function exitCodeFor(error: unknown): { code: number; line: string } {
  if (error instanceof RehearsalError) {
    const line = [error.message.split('\n')[0] ?? error.name, error.advice].filter(Boolean).join(' ');
    return { code: error.exitCode, line: redactText(line) };
  }
  const described = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: 1, line: redactText(`Unexpected error (please report it): ${described}`) };
}

/** Prints how the error ends the process on stderr and returns the exit code. */
export function reportFailure(error: unknown): number {
  const { code, line } = exitCodeFor(error);
  console.error(line);
  return code;
}
