import { redactText } from '../../base/redact';
import { clipToSentences } from './wholeSentences';
import { withoutHtmlPages } from './withoutHtmlPages';

const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;
const MAX_LENGTH = 500;

/**
 * An error as one redacted line for a flow record: the message's first non-empty line, without terminal colours or
 * an "Error: " prefix, and never less than its first whole sentence: a sentence wrapped onto the next lines is
 * joined, an HTML page quoted in it (a merchant answering 404 with its error page) becomes the page's text, and a
 * line too long is cut after a whole sentence. For an `expect` failure, whose first line is only its description,
 * the "Expected: …" and "Received: …" lines are appended, so the line still names both values.
 */
export function errorLine(error: unknown): string {
  const message = withoutHtmlPages((messageOf(error) ?? String(error)).replace(ANSI_ESCAPE, ''));
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const start = lines.findIndex((line) => line !== '');
  let first = (lines[start] ?? '').replace(/^Error:\s*/, '');
  for (let next = start + 1; start >= 0 && next < lines.length && !endsSentence(first) && continuesSentence(lines[next]!); next += 1) {
    first = `${first} ${lines[next]}`;
  }
  const expected = lines.find((line) => line.startsWith('Expected:'));
  const received = lines.find((line) => line.startsWith('Received:'));
  const values = expected && received && !first.includes(expected) ? ` (${expected}, ${received})` : '';
  return clipToSentences(redactText(`${first}${values}`), MAX_LENGTH);
}

/** The text ends a sentence: with `.`, `!` or `?`, maybe inside a closing quote or bracket. */
function endsSentence(text: string): boolean {
  return /[.!?]["'”’)\]]*$/.test(text);
}

/** A line that carries on the sentence before it (it starts in lower case), not a log, a list or a stack frame. */
function continuesSentence(line: string): boolean {
  return /^[a-z(]/.test(line) && !/^at\s/.test(line);
}

function messageOf(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}
