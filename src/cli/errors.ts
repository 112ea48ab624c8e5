import { redactText } from '../base/redact';

/** The command line was wrong (unknown command or flag): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const ONE_LINE_ERRORS: Record<string, number> = {
  UsageError: 2,
  ConfigError: 2, // src/model/config: bad or missing configuration
  UnknownFaultError: 2, // sandbox/faults.ts: SANDBOX_FAULTS names a fault the sandbox does not have
  InjectionPlanError: 2, // sandbox/provider: SANDBOX_INJECTION is not a valid fault injection plan
  CloudPostureError: 2, // sandbox/cloudPosture.ts: SANDBOX_CLOUD or SANDBOX_REACHABLE holds something that is not a setting
  BrowserSetupError: 1,
  ReportError: 1,
};

/**
 * How an error ends the process. Known errors (matched by name, so this file depends on none of their modules)
 * print their one-line message; anything else is a bug and keeps its stack. Secrets are removed either way.
 */
export function exitCodeFor(error: unknown): { code: number; line: string } {
  if (error instanceof Error) {
    const known = ONE_LINE_ERRORS[error.name] ?? ONE_LINE_ERRORS[error.constructor.name];
    if (known !== undefined) return { code: known, line: redactText(error.message.split('\n')[0] ?? error.name) };
    return { code: 1, line: redactText(`Unexpected error (please report it): ${error.stack ?? error.message}`) };
  }
  return { code: 1, line: redactText(`Unexpected error (please report it): ${String(error)}`) };
}

/** Prints how the error ends the process on stderr and returns the exit code. */
export function reportFailure(error: unknown): number {
  const { code, line } = exitCodeFor(error);
  console.error(line);
  return code;
}
