import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random token like Dub's `nanoid` (@dub/utils: 62 characters). */
export function nanoid(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/**
 * An id with Dub's prefix (SRC apps/web/lib/api/create-id.ts: `cm_`, `pn_`, `cus_`, `link_`, …, then a ULID-like
 * token; guess: 25 upper-case characters stand in for the ULID).
 */
export function dubId(prefix: 'cm_' | 'pn_' | 'cus_' | 'link_' | 'wh_' | 'evt_'): string {
  return prefix + nanoid(25).toUpperCase();
}
