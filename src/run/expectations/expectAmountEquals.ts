import { formatMoney } from '../../base/formatMoney';

/** An amount in the currency's minor units, as the provider and the referral platform send it (1500 jpy = 1,500 JPY). */
export interface Money {
  amount: number | null | undefined;
  currency: string | null | undefined;
}

/**
 * The amount and currency are exactly the expected ones; otherwise fails with one sentence naming both, e.g.
 * "Expected the checkout session's total to be 1,500 JPY (the catalogue price of Rehearsal Tenugui), but it is
 * 150,000 JPY." (amounts as `formatMoney` writes them). Currencies compare case-insensitively.
 */
export function expectAmountEquals(what: string, actual: Money, expected: { amount: number; currency: string; source?: string }): void {
  const sameCurrency = (actual.currency ?? '').toLowerCase() === expected.currency.toLowerCase();
  if (actual.amount === expected.amount && sameCurrency) return;
  const source = expected.source ? ` (${expected.source})` : '';
  throw new Error(
    `Expected ${what} to be ${formatMoney(expected.amount, expected.currency)}${source}, ` +
      `but it is ${actual.amount === null || actual.amount === undefined ? 'missing' : formatMoney(actual.amount, actual.currency)}.`,
  );
}
