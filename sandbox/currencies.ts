/**
 * Minor units per currency, as Stripe counts amounts: most currencies have cents (2000 = 20.00), the
 * zero-decimal ones have none (1500 jpy = ¥1,500), a few have three decimals. Shared by every sandbox service.
 */

/** Stripe's zero-decimal currencies: an amount is already in whole units and must never be divided by 100. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf',
]);

/** Stripe's three-decimal currencies (amounts in thousandths). */
const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL_CURRENCIES.has(currency.toLowerCase());
}

/** How many decimals an amount in minor units carries: 0 for jpy, 3 for kwd, else 2. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL_CURRENCIES.has(code)) return 0;
  return THREE_DECIMAL_CURRENCIES.has(code) ? 3 : 2;
}

/** "$20.00" for (2000, 'usd'), "¥1,500" for (1500, 'jpy'): amounts in minor units, as the provider sends them. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}
