/** Which mode a Stripe-style key belongs to, by its prefix (`sk_live_…`, `rk_test_…`, `pk_live_…`); never by its secret part. */
export type KeyMode = 'live' | 'test' | 'unknown';

export function keyMode(key: string | undefined): KeyMode {
  const match = /^(?:sk|rk|pk)_(live|test)_/.exec(key?.trim() ?? '');
  return match ? (match[1] as 'live' | 'test') : 'unknown';
}

/** The part of a key after its `xx_live_` / `xx_test_` prefix (undefined for a key without one). */
export function keyBody(key: string): string | undefined {
  return /^(?:sk|rk|pk)_(?:live|test)_(.+)$/.exec(key.trim())?.[1];
}

/**
 * The account a provider key embeds, when it does: Stripe's current keys read `xx_live_5` + the account id
 * without its `acct_` prefix (itself starting with `1`) + a random tail, e.g. `pk_live_51Hx…` for `acct_1Hx…`.
 * Returns the account id's start that the key carries (`acct_1` + 15 characters), or undefined.
 */
export function embeddedAccountPrefix(key: string): string | undefined {
  const match = /^5(1[A-Za-z0-9]{15})/.exec(keyBody(key) ?? '');
  return match ? `acct_${match[1]}` : undefined;
}
