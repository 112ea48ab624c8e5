/**
 * Minor units per currency, as Stripe counts amounts: most currencies have cents (2000 = 20.00), the
 * zero-decimal ones have none (1500 jpy = ¥1,500), a few have three decimals. Shared by every sandbox service; the
 * table itself is contracts/stripeCurrencies.ts, shared with the harness.
 */
import { minorUnitDigits } from '../contracts/stripeCurrencies';

export { isZeroDecimal, minorUnitDigits } from '../contracts/stripeCurrencies';

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
