/**
 * An error the user can fix, which ends a command with its own exit code and one line (its message's first line,
 * then its advice when it has one), never a stack. Any other error is a bug: src/cli/errors.ts prints its stack.
 */
export abstract class RehearsalError extends Error {
  /** The process's exit code when this error ends a command: 2 for a wrong setting or command line, else 1. */
  abstract readonly exitCode: number;
  /** One more sentence saying what to do, printed after the message. */
  readonly advice: string | undefined;

  constructor(message: string, options?: { cause?: unknown; advice?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.advice = options?.advice;
  }
}
