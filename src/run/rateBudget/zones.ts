/** The API zones the harness budgets its calls in, each with its own published rate limit. */
export type RateZone = 'provider' | 'referralClicks' | 'referralConversions' | 'referralGeneral';

/** Every zone, in the order evidence lists them. */
export const RATE_ZONES: readonly RateZone[] = ['provider', 'referralClicks', 'referralConversions', 'referralGeneral'];

/** The names REHEARSAL_RATE_LIMITS accepts: the zones, plus the provider's live-mode limit. */
export type RateLimitName = RateZone | 'providerLive';

/** A published limit: at most `limit` calls in any `windowMs`. */
export interface PublishedLimit {
  limit: number;
  windowMs: number;
}

/**
 * The published limits: Stripe allows 25 req/s in test mode and 100 req/s in live mode; the referral platform
 * (docs: referral-domain.md, "Rate limits") allows 1,000/min on `POST /v1/clicks` per publishable key, 120/min on the
 * conversions API per secret key and 300/min on everything else per IP.
 */
export const PUBLISHED_LIMITS: Readonly<Record<RateLimitName, PublishedLimit>> = {
  provider: { limit: 25, windowMs: 1_000 },
  providerLive: { limit: 100, windowMs: 1_000 },
  referralClicks: { limit: 1_000, windowMs: 60_000 },
  referralConversions: { limit: 120, windowMs: 60_000 },
  referralGeneral: { limit: 300, windowMs: 60_000 },
};

/** The zone a referral platform call counts against: click tracking, the conversions API, or the general API. */
export function referralZoneFor(method: string, path: string): RateZone {
  const bare = path.split('?')[0]!.replace(/\/+$/, '');
  if (method.toUpperCase() === 'POST' && bare === '/v1/clicks') return 'referralClicks';
  if (bare === '/v1/conversions' || bare.startsWith('/v1/conversions/')) return 'referralConversions';
  return 'referralGeneral';
}

/** Which limit a provider secret key is held to: live keys get the live limit. */
export function providerLimitName(secretKey: string): RateLimitName {
  return /^(sk|rk)_live_/.test(secretKey) ? 'providerLive' : 'provider';
}
