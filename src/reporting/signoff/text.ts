import { redactText } from '../../base/redact';
import { clipToSentences } from '../../run/evidence/wholeSentences';

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const MAX_LINE = 300;

/**
 * The first non-empty line of an error or summary, without terminal colours, redacted; a line over 300 characters
 * is cut after a whole sentence (its first sentence is kept whole, however long, up to twice that).
 */
export function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text
    .replace(ANSI, '')
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (line === undefined) return undefined;
  const clean = redactText(line);
  return clipToSentences(clean, MAX_LINE);
}

/**
 * The text as one sentence: exactly one full stop at the end, and the first letter capitalised when it starts a
 * plain word (an identifier such as `keys.mode` or `sk_…` keeps its case).
 */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  const plainWord = /^[a-z]+(?:[\s,;:]|$)/.test(trimmed);
  return `${plainWord ? `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}` : trimmed}.`;
}

/** "1 check", "2 checks". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
