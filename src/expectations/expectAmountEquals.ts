/** An amount in the currency's minor units, as the provider and the referral platform send it (1500 jpy = ¥1,500). */
export interface Money {
  amount: number | null | undefined;
  currency: string | null | undefined;
}

/**
 * The amount and currency are exactly the expected ones; otherwise fails with one sentence naming both, e.g.
 * "Expected the checkout session's total to be 1500 jpy (the catalogue price of Rehearsal Tenugui), but it is
 * 150000 jpy." Currencies compare case-insensitively.
 */
export function expectAmountEquals(what: string, actual: Money, expected: { amount: number; currency: string; source?: string }): void {
  const sameCurrency = (actual.currency ?? '').toLowerCase() === expected.currency.toLowerCase();
  if (actual.amount === expected.amount && sameCurrency) return;
  const source = expected.source ? ` (${expected.source})` : '';
  throw new Error(
    `Expected ${what} to be ${expected.amount} ${expected.currency.toLowerCase()}${source}, ` +
      `but it is ${actual.amount ?? 'missing'} ${(actual.currency ?? 'with no currency').toLowerCase()}.`,
  );
}
