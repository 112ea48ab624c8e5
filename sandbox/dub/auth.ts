import type { FastifyReply, FastifyRequest } from 'fastify';
import { DubApiError } from './apiError';
import { ANALYTICS_LIMIT, DubRateLimiter, STANDARD_LIMIT } from './rateLimit';

export interface DubKeys {
  /** The workspace API key, `dub_…` (https://dub.co/docs/api-reference/authentication). */
  apiKey: string;
  /** The publishable key, `dub_pk_…`, for client-side conversion tracking. */
  publishableKey: string;
}

export interface DubRateLimits {
  standard: { requests: number; windowMs: number };
  analytics: { requests: number; windowMs: number };
}

export const DUB_RATE_LIMITS: DubRateLimits = { standard: STANDARD_LIMIT, analytics: ANALYTICS_LIMIT };

/**
 * The API key check and the rate limit of Dub's `withWorkspace` (SRC apps/web/lib/auth/workspace.ts): no header →
 * 401 "Missing Authorization header."; a header without `Bearer ` → 400 bad_request; an unknown key → 401
 * "Unauthorized: Invalid API key."; over the limit → 429 rate_limit_exceeded "Too many requests.". The rate-limit
 * headers go on every authenticated answer. The presented key is never echoed.
 */
export function createDubGuards(keys: DubKeys, limits: DubRateLimits = DUB_RATE_LIMITS) {
  const standard = new DubRateLimiter(limits.standard);
  const analytics = new DubRateLimiter(limits.analytics);

  function authenticate(request: FastifyRequest): string {
    const header = request.headers.authorization;
    if (!header) throw new DubApiError('unauthorized', 'Missing Authorization header.');
    if (!header.startsWith('Bearer ')) {
      throw new DubApiError(
        'bad_request',
        "Misconfigured authorization header. Did you forget to add 'Bearer '? Learn more: https://d.to/auth",
      );
    }
    const key = header.slice('Bearer '.length);
    if (key !== keys.apiKey) throw new DubApiError('unauthorized', 'Unauthorized: Invalid API key.');
    return key;
  }

  function limited(limiter: DubRateLimiter) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const key = authenticate(request);
      const decision = limiter.take(key);
      if (!decision.allowed) throw new DubApiError('rate_limit_exceeded', 'Too many requests.', decision.headers);
      void reply.headers(decision.headers);
    };
  }

  return {
    /** The standard API: every route but the analytics ones. */
    requireApiKey: limited(standard),
    /** The analytics API (`GET /events`): its own per-second limit. */
    requireApiKeyAnalytics: limited(analytics),
  };
}

export type DubGuards = ReturnType<typeof createDubGuards>;
