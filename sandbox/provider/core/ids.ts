import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 text, Stripe's id style (`cus_Qx8…`). Hand-written: ten lines, no library offers exactly this. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** A new object id with Stripe's prefix, e.g. `newId('cus')` → `cus_…`, `newId('cs_test')` → `cs_test_a1…` (`cs_live_a1…` in live mode). */
export function newId(prefix: string): string {
  if (prefix === 'cs_test' || prefix === 'cs_live') return `${prefix}_a1${randomBase62(56)}`;
  return `${prefix}_${randomBase62(prefix === 'req' ? 14 : 24)}`;
}

/** The current time in Unix seconds, as every Stripe timestamp. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
