import type { FastifyRequest } from 'fastify';
import { ApiError } from './apiError';
import { FixedWindowLimiter, API_REQUESTS_PER_MINUTE_PER_IP, CLICKS_PER_MINUTE_PER_KEY } from './rateLimit';

export interface PlatformKeys {
  apiKey: string;
  publishableKey: string;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

function unauthorized(expected: 'secret' | 'publishable'): ApiError {
  // The presented key is never echoed: it may be a real secret pasted by mistake.
  return new ApiError(
    401,
    'authentication_error',
    'invalid_api_key',
    expected === 'secret'
      ? 'Invalid API key provided: this route needs the platform secret key (Authorization: Bearer sk_…).'
      : 'Invalid API key provided: this route needs the platform publishable key (Authorization: Bearer pk_…).',
  );
}

function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    'rate_limit_error',
    'rate_limit',
    'Too many requests; retry after the Retry-After delay.',
    undefined,
    retryAfterSeconds,
  );
}

/** Authentication and rate limiting, as Fastify preHandler hooks. */
export function createGuards(keys: PlatformKeys) {
  const apiLimiter = new FixedWindowLimiter(API_REQUESTS_PER_MINUTE_PER_IP, 60_000);
  const clickLimiter = new FixedWindowLimiter(CLICKS_PER_MINUTE_PER_KEY, 60_000);

  return {
    /** Secret API: `Authorization: Bearer <sk>`; 300 requests/min per IP. */
    async requireSecretKey(request: FastifyRequest): Promise<void> {
      const wait = apiLimiter.take(request.ip);
      if (wait !== null) throw tooManyRequests(wait);
      if (bearerToken(request) !== keys.apiKey) throw unauthorized('secret');
    },
    /** Click tracking: `Authorization: Bearer <pk>`; 1,000 clicks/min per publishable key. */
    async requirePublishableKey(request: FastifyRequest): Promise<void> {
      const token = bearerToken(request);
      if (token !== keys.publishableKey) throw unauthorized('publishable');
      const wait = clickLimiter.take(token);
      if (wait !== null) throw tooManyRequests(wait);
    },
  };
}

export type Guards = ReturnType<typeof createGuards>;
