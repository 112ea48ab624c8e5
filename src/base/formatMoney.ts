import { minorUnitDigits } from '../../contracts/stripeCurrencies';

export { minorUnitDigits };

/**
 * Amounts as people read them. The provider and the referral platform count money in the currency's minor unit
 * (Stripe: https://docs.stripe.com/currencies#minor-units): 1234 usd is 12.34 USD, but 1500 jpy is 1,500 JPY (a
 * zero-decimal currency) and 1234 kwd is 1.234 KWD (a three-decimal currency). Every amount the harness writes for
 * a person goes through `formatMoney`.
 */

/**
 * "12.34 USD" for (1234, 'usd'), "1,500 JPY" for (1500, 'jpy'), "1.234 KWD" for (1234, 'kwd'): an amount in minor
 * units, in whole units with the currency's decimals, thousands grouped, then the upper-case ISO code. "no amount"
 * when there is none; an amount that is not a whole number of minor units, or has no currency, is shown as given.
 */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return 'no amount';
  const code = currency?.trim().toUpperCase();
  if (!code) return `${amount} (in minor units, no currency)`;
  if (!Number.isSafeInteger(amount)) return `${amount} ${code} (in minor units)`;
  const digits = minorUnitDigits(code);
  const scale = 10 ** digits;
  const units = Math.floor(Math.abs(amount) / scale);
  const fraction = digits === 0 ? '' : `.${String(Math.abs(amount) % scale).padStart(digits, '0')}`;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${grouped}${fraction} ${code}`;
}
