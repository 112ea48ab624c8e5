/** How the ReferralClient retries: connection errors, 5xx and 429, at most `maxRetries` times. */
export interface ReferralRetryPolicy {
  maxRetries: number;
  /** Backoff after a connection error or 5xx: `baseDelayMs × 2^(retry − 1)`. */
  baseDelayMs: number;
  /** A 429's wait when it names no `Retry-After`. */
  defaultRetryAfterMs: number;
  /** The longest a `Retry-After` is honoured. */
  maxRetryAfterMs: number;
}

export const DEFAULT_REFERRAL_RETRY: ReferralRetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  defaultRetryAfterMs: 1_000,
  maxRetryAfterMs: 10_000,
};

/** A status worth asking again: the platform was busy (429) or failed (5xx); other 4xx would fail the same way. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The wait before retry number `retry` (from 1): a 429's `Retry-After` (seconds or HTTP date, capped), else backoff. */
export function waitBeforeRetryMs(
  policy: ReferralRetryPolicy,
  retry: number,
  answer?: { status: number; retryAfter: string | null },
): number {
  if (answer?.status === 429) {
    const text = answer.retryAfter?.trim();
    if (!text) return policy.defaultRetryAfterMs;
    const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - Date.now();
    return Number.isFinite(ms) ? Math.min(Math.max(0, ms), policy.maxRetryAfterMs) : policy.defaultRetryAfterMs;
  }
  return policy.baseDelayMs * 2 ** (retry - 1);
}
