import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { notFound, RewardfulApiError } from '../apiError';
import { expansions, listPage, manyValues, newestFirst, oneValue } from '../listPage';
import { renderReferral } from '../render';

type Query = Record<string, unknown>;

function isoBound(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new RewardfulApiError(400, `Invalid ${name}: expected an ISO 8601 timestamp.`);
  return at;
}

/**
 * GET /v1/referrals: affiliate_id, conversion_state / conversion_state[], email, stripe_customer_id, updated_since,
 * updated_until (ISO 8601), page, limit, expand=affiliate; newest first (https://developers.rewardful.com/rest-api/referrals/list).
 * GET /v1/referrals/:id: guess — the docs list only "The referral object" and "List referrals"; kept for convenience.
 */
export function registerReferralRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const { store } = context;
  app.get<{ Querystring: Query }>('/v1/referrals', async (request) => {
    const query = request.query;
    const affiliateId = oneValue(query, 'affiliate_id');
    const states = manyValues(query, 'conversion_state');
    const email = oneValue(query, 'email')?.toLowerCase();
    const customerId = oneValue(query, 'stripe_customer_id');
    const since = isoBound(oneValue(query, 'updated_since'), 'updated_since');
    const until = isoBound(oneValue(query, 'updated_until'), 'updated_until');
    const matching = newestFirst(store.referrals.values()).filter((r) => {
      const updated = Date.parse(r.updated_at);
      return (
        (affiliateId === undefined || r.affiliate_id === affiliateId) &&
        (states === undefined || states.includes(r.conversion_state)) &&
        (email === undefined || r.customer?.email?.toLowerCase() === email) &&
        (customerId === undefined || r.stripe_customer_id === customerId) &&
        (since === undefined || updated >= since) &&
        (until === undefined || updated <= until)
      );
    });
    const expand = expansions(query);
    const page = listPage(matching, query);
    return { ...page, data: page.data.map((referral) => renderReferral(store, referral, expand)) };
  });
  app.get<{ Params: { id: string }; Querystring: Query }>('/v1/referrals/:id', async (request) => {
    const referral = store.referrals.get(request.params.id);
    if (!referral) throw notFound('Referral', request.params.id);
    return renderReferral(store, referral, expansions(request.query));
  });
}
