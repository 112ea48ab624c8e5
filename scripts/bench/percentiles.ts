/** A set of durations in ms, as the benchmark prints them. */
export interface DurationSummary {
  count: number;
  p50?: number;
  p95?: number;
  max?: number;
}

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value that at least p % of the values
 * are at or below. Undefined for no values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`A percentile is above 0 and at most 100 (got ${p}).`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** Count, median, 95th percentile and maximum of the durations. */
export function summarizeDurations(values: readonly number[]): DurationSummary {
  if (values.length === 0) return { count: 0 };
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
