import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';

/** How the harness treats a 429: retried at most 3 times, each after `Retry-After` (1 s when absent, 10 s at most). */
export const RETRY_AFTER_POLICY = { maxRetries: 3, defaultWaitMs: 1_000, maxWaitMs: 10_000 } as const;

export interface RetryAfterPolicy {
  maxRetries: number;
  defaultWaitMs: number;
  maxWaitMs: number;
}

/**
 * A stripe-node HTTP client (the SDK's own Node client, wrapped) that retries a 429 after the `Retry-After` it
 * names. stripe-node itself never retries a 429 (it retries connection errors, 409 and 5xx: RequestSender
 * `_shouldRetry`), and no other 4xx is retried here either. The same headers are sent again, so a POST keeps its
 * `Idempotency-Key`. The waiting stays within the call's own `timeout` (a probe with a short one gets the 429).
 */
export function createRetryAfterHttpClient(
  inner: Stripe.HttpClient = Stripe.createNodeHttpClient(),
  policy: RetryAfterPolicy = RETRY_AFTER_POLICY,
): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    async makeRequest(host, port, path, method, headers, requestData, protocol, timeout) {
      const started = Date.now();
      for (let retry = 0; ; retry++) {
        const response = await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
        if (response.getStatusCode() !== 429 || retry >= policy.maxRetries) return response;
        const waitMs = retryAfterMs(response.getHeaders()['retry-after'], policy);
        if (Date.now() - started + waitMs >= timeout) return response;
        discard(response);
        await sleep(waitMs);
      }
    },
  };
}

/** `Retry-After` in seconds or as an HTTP date, capped; the policy's default when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, policy: RetryAfterPolicy = RETRY_AFTER_POLICY): number {
  const text = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!text) return policy.defaultWaitMs;
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - Date.now();
  if (!Number.isFinite(ms)) return policy.defaultWaitMs;
  return Math.min(Math.max(0, ms), policy.maxWaitMs);
}

/** Frees the socket of a response that is not read. */
function discard(response: Stripe.HttpClientResponse): void {
  if (response.dispose) return response.dispose();
  const raw = response.getRawResponse() as Partial<IncomingMessage> | undefined;
  raw?.resume?.();
}
