/** Logs where a merchant's request failed and the failure's kind. */
export type FailureLog = (where: string, error: unknown) => void;

/**
 * The merchant's failure log: one line on stderr naming the merchant, where a failure happened and its kind (class,
 * status, code), never its message or stack: a provider's message may quote request data.
 */
export function merchantFailureLog(merchant: string): FailureLog {
  return (where, error) => {
    const name = error instanceof Error ? (error.constructor?.name ?? error.name) : typeof error;
    const details = error as { statusCode?: number; code?: string; type?: string };
    const kind = [name, details.statusCode, details.type, details.code].filter(Boolean).join(' ');
    process.stderr.write(`${merchant}: ${where} failed (${kind})\n`);
  };
}
