import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { notFound } from '../apiError';
import { expansions, listPage, manyValues, newestFirst, oneValue } from '../listPage';
import { renderCommission } from '../render';

type Query = Record<string, unknown>;

/**
 * GET /v1/commissions: affiliate_id, state / state[] ∈ due, pending, paid, voided, page, limit, expand ∈ sale, campaign;
 * newest first (https://developers.rewardful.com/rest-api/commissions/list). GET /v1/commissions/:id: the whole
 * commission object with its sale (https://developers.rewardful.com/rest-api/commissions/retrieve,
 * https://developers.rewardful.com/rest-api/commissions/object). A commission deleted after a full refund is gone: 404.
 */
export function registerCommissionRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const { store } = context;
  app.get<{ Querystring: Query }>('/v1/commissions', async (request) => {
    const query = request.query;
    const affiliateId = oneValue(query, 'affiliate_id');
    const states = manyValues(query, 'state');
    const matching = newestFirst(store.commissions.values()).filter(
      (c) =>
        (affiliateId === undefined || store.sales.get(c.sale_id)?.affiliate_id === affiliateId) &&
        (states === undefined || states.includes(c.state)),
    );
    const expand = expansions(query);
    const page = listPage(matching, query);
    return { ...page, data: page.data.map((commission) => renderCommission(store, commission, expand)) };
  });
  app.get<{ Params: { id: string }; Querystring: Query }>('/v1/commissions/:id', async (request) => {
    const commission = store.commissions.get(request.params.id);
    if (!commission) throw notFound('Commission', request.params.id);
    const expand = expansions(request.query);
    return renderCommission(store, commission, expand.has('campaign') ? new Set(['sale', 'campaign']) : 'all');
  });
}
