/** When to try a failed delivery again: attempt n waits firstDelayMs × factor^(n-1) after attempt n failed. */
export interface RetryPolicy {
  firstDelayMs: number;
  factor: number;
  maxAttempts: number;
}

/** Svix's schedule (5 s, 5 min, 30 min, …) compressed so a whole rehearsal sees every retry. */
export const SANDBOX_FAST_RETRY: RetryPolicy = { firstDelayMs: 250, factor: 2, maxAttempts: 5 };

export function delayAfterFailedAttempt(policy: RetryPolicy, attempt: number): number {
  return Math.round(policy.firstDelayMs * policy.factor ** (attempt - 1));
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
