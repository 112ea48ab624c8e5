/**
 * Amounts and dates as the pages show them. Stripe amounts are in the currency's minor unit; the number of
 * decimals is taken from Intl (ISO 4217), which matches Stripe for the currencies this shop sells in (USD, EUR,
 * GBP, JPY…). Stripe's own list differs for a few (e.g. HUF, TWD): a shop selling in those would need it.
 */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** decimals);
}

/** "12 March 2027" (UTC) for a Unix timestamp in seconds. */
export function formatDate(seconds: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(seconds * 1000),
  );
}

/** "month", "3 months", "year". */
export function formatInterval(interval: string, count: number): string {
  return count === 1 ? interval : `${count} ${interval}s`;
}
