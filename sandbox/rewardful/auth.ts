import type { FastifyReply, FastifyRequest } from 'fastify';
import { RewardfulApiError } from './apiError';
import { FixedWindow, type RateLimitSettings } from './rateLimit';

/**
 * HTTP Basic authentication with the API Secret as the username and an empty password (`curl -u YOUR_API_SECRET:`):
 * https://developers.rewardful.com/rest-api/overview. A wrong or missing secret: 401 `{"error": "Invalid API Secret."}`
 * (the body's wording from the docs' PDF export, https://developers.rewardful.com/~gitbook/pdf).
 */
function basicUsername(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

/** The guard every REST route runs first: the rate limit, then the secret. */
export function createSecretGuard(apiSecret: string, settings: RateLimitSettings) {
  const window = new FixedWindow(settings);
  return async function requireApiSecret(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const username = basicUsername(request);
    // Counted per presented secret (one account's limit); unauthenticated calls share one window.
    const state = window.take(username ?? '');
    // Source [3P]: api-evangelist/rewardful rate-limits/rewardful-rate-limits.yml quoting
    // https://developers.rewardful.com/rest-api/overview: "45 requests per 30 second window", 429 with the RateLimit
    // header fields of draft-polli-ratelimit-headers-02. guess: the single `RateLimit` header as well as the draft's
    // separate RateLimit-Limit/-Remaining/-Reset fields, on every answer.
    reply.header('ratelimit', `limit=${settings.requests}, remaining=${state.remaining}, reset=${state.resetSeconds}`);
    reply.header('ratelimit-limit', String(settings.requests));
    reply.header('ratelimit-remaining', String(state.remaining));
    reply.header('ratelimit-reset', String(state.resetSeconds));
    if (state.limited) throw new RewardfulApiError(429, 'Rate limit exceeded. Please retry after the window resets.');
    if (username !== apiSecret) throw new RewardfulApiError(401, 'Invalid API Secret.');
  };
}
