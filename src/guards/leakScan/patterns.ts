import { CARD_DIGIT_SEPARATORS, CARD_NUMBER_CANDIDATE, cardNumberWithin } from '../../base/cardNumber';
import { redactText } from '../../base/redact';

export type LeakKind = 'secret-key' | 'webhook-secret' | 'card-number';

/** One secret found in free text: where it starts and ends, and an excerpt around it with the secret removed. */
export interface TextLeak {
  kind: LeakKind;
  index: number;
  /** The matched text itself: for de-duplication only, never print it. */
  value: string;
  excerpt: string;
}

/**
 * Secret/restricted keys with at least 8 characters after the prefix: a real key, not the prefix named in prose
 * ("provider keys must be sk_live_…") or a masked key ("sk_live_...1234").
 */
const SECRET_KEY = /(?<![A-Za-z0-9])(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}/g;
/**
 * Dub's API keys (`dub_` and at least 16 letters and digits, as src/base/redact.ts); its publishable keys (`dub_pk_…`)
 * are meant for browsers, and names such as `dub_customer` are no key.
 */
const DUB_SECRET_KEY = /(?<![A-Za-z0-9])dub_(?!pk_)[A-Za-z0-9]{16,}/g;
/** Stripe's `whsec_<alnum>` and Standard Webhooks' `whsec_<base64>`. */
const WEBHOOK_SECRET = /(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=_-]{8,}/g;

const LABELS: Record<LeakKind, string> = {
  'secret-key': 'secret key',
  'webhook-secret': 'webhook secret',
  'card-number': 'card number',
};

export function describeKind(kind: LeakKind): string {
  return LABELS[kind];
}

/** Every secret key, webhook secret and Luhn-valid card number in `text`, in order of position. */
export function findLeaksInText(text: string): TextLeak[] {
  const leaks: TextLeak[] = [];
  for (const match of text.matchAll(SECRET_KEY)) {
    leaks.push(leak(text, 'secret-key', match.index, match[0], `${match[1]}_${match[2]}_[redacted]`));
  }
  for (const match of text.matchAll(DUB_SECRET_KEY)) {
    leaks.push(leak(text, 'secret-key', match.index, match[0], 'dub_[redacted]'));
  }
  for (const match of text.matchAll(WEBHOOK_SECRET)) {
    leaks.push(leak(text, 'webhook-secret', match.index, match[0], 'whsec_[redacted]'));
  }
  // 13–19 digits, grouped by spaces (also no-break), dashes, or a form body's `+`/`%20`, passing Luhn (cardNumber.ts).
  for (const match of text.matchAll(CARD_NUMBER_CANDIDATE)) {
    const found = cardNumberWithin(match[0]);
    if (found) leaks.push(leak(text, 'card-number', match.index + found.offset, found.value, '[redacted card number]'));
  }
  return leaks.sort((a, b) => a.index - b.index);
}

const CONTEXT = 40;
/** Another long run of digits in the context (a second card number, say), however it is grouped. */
const DIGIT_RUN = new RegExp(String.raw`\d(?:${CARD_DIGIT_SEPARATORS}\d){7,}`, 'gi');

function leak(text: string, kind: LeakKind, index: number, value: string, replacement: string): TextLeak {
  return { kind, index, value, excerpt: excerpt(text, index, value.length, replacement) };
}

/**
 * A one-line excerpt around the secret with the secret replaced. The context is cut at a delimiter (so no half
 * secret sits at an edge), passed through redactText, and any remaining run of 8+ digits is masked too.
 */
function excerpt(text: string, index: number, length: number, replacement: string): string {
  let before = text.slice(Math.max(0, index - CONTEXT), index);
  let after = text.slice(index + length, index + length + CONTEXT);
  if (index > CONTEXT) before = before.replace(/^[^\s"'<>,;:&=()[\]{}]*[\s"'<>,;:&=()[\]{}]?/, '…');
  if (index + length + CONTEXT < text.length) after = after.replace(/[\s"'<>,;:&=()[\]{}]?[^\s"'<>,;:&=()[\]{}]*$/, '…');
  const clean = (part: string) =>
    redactText(part)
      .replace(DIGIT_RUN, '#…#')
      .replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `${clean(before)}${replacement}${clean(after)}`.trim();
}
