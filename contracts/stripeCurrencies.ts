/**
 * How many minor units Stripe counts per currency (https://docs.stripe.com/currencies#minor-units): most currencies
 * have cents (2000 usd = 20.00 USD), the zero-decimal ones have none (1500 jpy = 1,500 JPY), a few have three decimals
 * (1234 kwd = 1.234 KWD). A fact of Stripe's, not a shape: the sandbox charges and shows amounts by it, the harness
 * reads and writes them by it, so both take it from here.
 */

/** Stripe's zero-decimal currencies: an amount is already in whole units and must never be divided by 100. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** Stripe's three-decimal currencies: an amount is in thousandths. */
export const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many decimals an amount in minor units carries: 0 for JPY, 3 for KWD, 2 for every other currency. */
export function minorUnitDigits(currency: string): 0 | 2 | 3 {
  const code = currency.trim().toLowerCase();
  if (ZERO_DECIMAL_CURRENCIES.has(code)) return 0;
  return THREE_DECIMAL_CURRENCIES.has(code) ? 3 : 2;
}

export function isZeroDecimal(currency: string): boolean {
  return minorUnitDigits(currency) === 0;
}
