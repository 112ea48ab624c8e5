/**
 * Card-number detection for redaction and the leak scan. Hand-written: the Luhn check is a few lines and no
 * installed package offers it.
 */

/**
 * What may stand between a card number's digits: a space (also a no-break, narrow no-break or figure space, or one
 * written as an HTML entity or URL-encoded), a dash, or a plus (a form body's space).
 */
const SEPARATOR = String.raw`(?:[ \u00a0\u2007\u202f+-]|%20|%C2%A0|&nbsp;|&#160;)`;

/** Up to four separators in a row between two digits ("4242 - 4242", "4242  4242"). */
export const CARD_DIGIT_SEPARATORS = `${SEPARATOR}{0,4}`;

/** 13–19 digits, separators allowed between them, not part of a longer word, id or decimal. */
export const CARD_NUMBER_CANDIDATE = new RegExp(String.raw`(?<![\w.-])\d(?:${CARD_DIGIT_SEPARATORS}\d){12,18}(?![\w-]|\.\d)`, 'gi');

const SEPARATORS = new RegExp(`${SEPARATOR}+`, 'gi');
/** Splits a candidate into [group, separators, group, …]. */
const SPLIT = new RegExp(`(${SEPARATOR}+)`, 'i');

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text (digits with optional separators) is a plausible card number: 13–19 digits passing
 * Luhn. A bare 13-digit number starting with 1 is an epoch-milliseconds timestamp, not a card (no card
 * network issues 13-digit numbers starting with 1), so it is kept.
 */
export function looksLikeCardNumber(text: string): boolean {
  const digits = text.replace(SEPARATORS, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  if (digits.length === 13 && digits.startsWith('1') && digits === text) return false;
  return passesLuhn(digits);
}

/**
 * The card number in a candidate run: the whole run when it has no separators, else the longest run of whole groups
 * that is one. A grouped card number is written in groups of 3+ digits (4-4-4-4, 4-6-5, 4-4-4-4-3), which keeps out
 * SVG path data and coordinate lists ("1 0 0 1 12 4 …") that happen to pass Luhn; groups of exactly three digits
 * each are a number written with thousands separators ("1 234 567 890 123 454"), not a card.
 */
export function cardNumberWithin(run: string): { offset: number; value: string } | undefined {
  const parts = run.split(SPLIT); // [group, separators, group, …]
  if (parts.length === 1) return looksLikeCardNumber(run) ? { offset: 0, value: run } : undefined;
  const groups: Array<{ offset: number; text: string }> = [];
  let offset = 0;
  parts.forEach((part, i) => {
    if (i % 2 === 0) groups.push({ offset, text: part });
    offset += part.length;
  });
  for (let length = groups.length; length >= 2; length -= 1) {
    for (let first = 0; first + length <= groups.length; first += 1) {
      const chosen = groups.slice(first, first + length);
      if (chosen.some((group) => group.text.length < 3) || chosen.every((group) => group.text.length === 3)) continue;
      const start = chosen[0]!.offset;
      const last = chosen[chosen.length - 1]!;
      const value = run.slice(start, last.offset + last.text.length);
      if (looksLikeCardNumber(value)) return { offset: start, value };
    }
  }
  return undefined;
}
