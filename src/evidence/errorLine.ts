import { redactText } from './redact';

const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;
const MAX_LENGTH = 500;

/**
 * An error as one redacted line for a flow record: the message's first non-empty line, without terminal colours or
 * an "Error: " prefix. For an `expect` failure, whose first line is only its description, the "Expected: …" and
 * "Received: …" lines are appended, so the line still names both values.
 */
export function errorLine(error: unknown): string {
  const message = (messageOf(error) ?? String(error)).replace(ANSI_ESCAPE, '');
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const first = (lines.find((line) => line !== '') ?? '').replace(/^Error:\s*/, '');
  const expected = lines.find((line) => line.startsWith('Expected:'));
  const received = lines.find((line) => line.startsWith('Received:'));
  const values = expected && received && !first.includes(expected) ? ` (${expected}, ${received})` : '';
  const line = redactText(`${first}${values}`);
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

function messageOf(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}
