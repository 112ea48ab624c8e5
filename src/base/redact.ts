import { CARD_NUMBER_CANDIDATE, cardNumberWithin, looksLikeCardNumber } from './cardNumber';
import { isCardholderField } from './cardholderFields';

/** What every removed value becomes. */
export const REDACTED = '[redacted]';

const TOKEN_TAIL = String.raw`[^\s"'<>&,;:()\[\]{}\\]*`;
/**
 * Stripe's secret and restricted keys; Dub's API keys (`dub_` and a token of 16 or more letters and digits; its
 * publishable `dub_pk_…` are not secret, nor are names such as `dub_customer`). guess: the token's length (Dub's
 * source makes keys `dub_` + a 24-character nanoid; its docs show none).
 */
const SECRET_KEY = new RegExp(String.raw`(?<![A-Za-z0-9])(?:(?:sk|rk)_(?:test|live)_|dub_(?!pk_)(?=[A-Za-z0-9]{16}))${TOKEN_TAIL}`, 'g');
const WEBHOOK_SECRET = new RegExp(String.raw`(?<![A-Za-z0-9])whsec_${TOKEN_TAIL}`, 'g');
/** Payment intent / setup intent / checkout client secrets: `pi_123_secret_abc` (starts only at a word's start, so linear). */
const CLIENT_SECRET = /(?<![A-Za-z0-9_])[A-Za-z0-9_]*_secret_[A-Za-z0-9]+/g;
/**
 * `Authorization: Bearer x`, `"stripe-signature":"t=…,v1=…"` (and Rewardful's and Dub's signature headers): the value
 * runs to the end of the line or quote.
 */
const HEADER_VALUE =
  /\b(authorization|stripe-signature|webhook-signature|x-rewardful-signature|dub-signature)(["']?\s*[:=]\s*["']?)([^"'\r\n&]+)/gi;
/**
 * `cvc=123`, `"password": "x"`, `card[cvc]=123` (a form body, also URL-encoded): a quoted value runs to its closing
 * quote ("12 / 34"), an unquoted one to the next separator.
 */
const FIELD_VALUE =
  /(?:\b|(?<=%5B))(cvc|cvv|card_?cvc|card_?number|card_?expiry|exp_month|exp_year|exp|expiry|expiry_date|security_code|password|secret|client_secret)((?:\]|%5D)?\\?["']?\s*[:=]\s*\\?["']?)((?<=")[^"\\\r\n]+|(?<=')[^'\\\r\n]+|[^"'&\s,;}]+)/gi;

/** Key names (lower case, without `-`, `_`, spaces) whose values are always removed. */
const SECRET_KEY_NAMES = new Set([
  'cvc',
  'cvv',
  'cvc2',
  'cardcvc',
  'cardnumber',
  'cardexpiry',
  'expmonth',
  'expyear',
  'exp',
  'expirydate',
  'expirationdate',
  'securitycode',
  'password',
  'authorization',
  'stripesignature',
  'webhooksignature',
  'xrewardfulsignature',
  'dubsignature',
  'apikey',
  'adminkey',
]);
/** Inside a card object (`card: {…}` or an object that carries cvc/expiry), these are card data too. */
const CARD_FIELD_NAMES = new Set(['number', 'expiry']);
const CARD_MARKERS = ['cvc', 'cvv', 'expiry', 'exp_month', 'cardCvc', 'cardExpiry'];

/** Secrets with no recognisable shape (a merchant's admin key, say), registered by whoever holds them. */
const knownSecretValues = new Set<string>();

/** The shortest value `treatAsSecret` takes: a shorter one would redact ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** From now on, `value` is removed wherever it appears, like a key with a known prefix. Short values are refused. */
export function treatAsSecret(value: string | undefined): void {
  if (!value) return;
  if (value.length < MIN_SECRET_LENGTH)
    throw new Error(`treatAsSecret: a secret shorter than ${MIN_SECRET_LENGTH} characters would redact ordinary text.`);
  knownSecretValues.add(value);
}

function removeKnownSecrets(text: string): string {
  let result = text;
  for (const secret of knownSecretValues) result = result.split(secret).join(REDACTED);
  return result;
}

/** Removes secret keys, webhook and client secrets, registered secrets, and card numbers from free text. */
export function redactText(text: string): string {
  return removeKnownSecrets(text)
    .replace(HEADER_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(FIELD_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(SECRET_KEY, REDACTED)
    .replace(WEBHOOK_SECRET, REDACTED)
    .replace(CLIENT_SECRET, REDACTED)
    .replace(CARD_NUMBER_CANDIDATE, redactCardNumber);
}

/** The whole candidate when it is a card number, else the card number among its groups ("qty 1 4242 4242 …"). */
function redactCardNumber(candidate: string): string {
  if (looksLikeCardNumber(candidate)) return REDACTED;
  const found = cardNumberWithin(candidate);
  if (!found) return candidate;
  return `${candidate.slice(0, found.offset)}${REDACTED}${candidate.slice(found.offset + found.value.length)}`;
}

export interface RedactOptions {
  /**
   * Also the card holder's name, address and phone in the provider's objects (billing_details, customer_details,
   * shipping, a customer, an invoice's customer_*; cardholderFields.ts): live mode's attachments, where they are a
   * real person's. Test mode leaves them: the fake run customer's name helps read the evidence.
   */
  cardholder?: boolean;
}

/** How one redact() call copies: the copies made so far (for cycles) and its options. */
interface CopyContext {
  seen: WeakMap<object, unknown>;
  cardholder: boolean;
}

/**
 * A deep copy of `value` with secrets and card data replaced by "[redacted]": secret and restricted keys,
 * webhook secrets, client secrets, Luhn-valid card numbers, and the values of keys such as cvc, exp, expiry_date,
 * security_code, password, authorization, stripe-signature (and, with `options.cardholder`, the card holder's name,
 * address and phone). Keeps publishable keys, ids, amounts and last4. Never mutates its input; cycles in the input
 * are cycles in the copy.
 */
export function redact<T>(value: T, options: RedactOptions = {}): T {
  return copy(value, undefined, { seen: new WeakMap(), cardholder: options.cardholder ?? false }) as T;
}

function copy(value: unknown, parentKey: string | undefined, context: CopyContext): unknown {
  const { seen } = context;
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') return Number.isInteger(value) && looksLikeCardNumber(String(value)) ? REDACTED : value;
  if (typeof value === 'bigint') return looksLikeCardNumber(value.toString()) ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;

  const known = seen.get(value);
  if (known !== undefined) return known;

  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof URL) return new URL(redactText(value.href));
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (value instanceof DataView) {
    return new DataView(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  if (ArrayBuffer.isView(value)) return (value as unknown as Uint8Array).slice();
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, parentKey, context));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) {
      out.set(typeof k === 'string' ? k : copy(k, undefined, context), copyField(value, String(k), v, parentKey, context));
    }
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const item of value) out.add(copy(item, parentKey, context));
    return out;
  }
  if (value instanceof Error) {
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    out.name = value.name;
    out.message = redactText(value.message);
    if (value.stack) out.stack = redactText(value.stack);
    for (const [k, v] of Object.entries(value)) out[k] = copyField(value, k, v, parentKey, context);
    return out;
  }

  const out = Object.create(Object.getPrototypeOf(value) === null ? null : Object.prototype) as Record<string, unknown>;
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = copyField(value, k, v, parentKey, context);
  return out;
}

function copyField(owner: object, key: string, value: unknown, ownerKey: string | undefined, context: CopyContext): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (isSecretKeyName(key) || (CARD_FIELD_NAMES.has(key.toLowerCase()) && isCardObject(owner, ownerKey))) {
    return REDACTED;
  }
  if (context.cardholder && isCardholderField(owner, key, ownerKey)) return REDACTED;
  return copy(value, key, context);
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

function isSecretKeyName(key: string): boolean {
  const name = normalizeKey(key);
  return SECRET_KEY_NAMES.has(name) || name.includes('secret') || name.includes('password');
}

function isCardObject(owner: object, ownerKey: string | undefined): boolean {
  if (ownerKey !== undefined && normalizeKey(ownerKey).includes('card')) return true;
  const keys = owner instanceof Map ? [...owner.keys()].map(String) : Object.keys(owner);
  return keys.some((k) => CARD_MARKERS.includes(k));
}
