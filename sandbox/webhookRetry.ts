/** When a failed webhook delivery is tried again (provider and referral platform alike). */
export interface WebhookRetry {
  firstDelayMs: number;
  factor: number;
  maxAttempts: number;
}

/** Stripe's and Svix's schedules (minutes to days) compressed so a whole rehearsal sees every retry. */
export const SANDBOX_FAST_RETRY: WebhookRetry = { firstDelayMs: 250, factor: 2, maxAttempts: 5 };

/** The wait after failed attempt n: `firstDelayMs × factor^(n−1)`. */
export function delayAfterFailedAttempt(policy: WebhookRetry, attempt: number): number {
  return Math.round(policy.firstDelayMs * policy.factor ** (attempt - 1));
}
