import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { notFound } from '../apiError';
import { listPage, newestFirst, oneValue } from '../listPage';
import { renderLink } from '../render';

type Query = Record<string, unknown>;

/**
 * GET /v1/affiliate_links (https://developers.rewardful.com/rest-api/affiliate-links/list) and GET /v1/affiliate_links/:id
 * (https://developers.rewardful.com/rest-api/affiliate-links/retrieve). guess: the `affiliate_id` filter (the coupons
 * list documents one; the links list page shows none) and the link's `affiliate` (id only) in the answer.
 */
export function registerAffiliateLinkRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const { store } = context;
  app.get<{ Querystring: Query }>('/v1/affiliate_links', async (request) => {
    const affiliateId = oneValue(request.query, 'affiliate_id');
    const links = newestFirst(store.links.values()).filter((link) => affiliateId === undefined || link.affiliate_id === affiliateId);
    const page = listPage(links, request.query);
    return { ...page, data: page.data.map((link) => ({ ...renderLink(store, link), affiliate: { id: link.affiliate_id } })) };
  });
  app.get<{ Params: { id: string } }>('/v1/affiliate_links/:id', async (request) => {
    const link = store.links.get(request.params.id);
    if (!link) throw notFound('Affiliate link', request.params.id);
    return { ...renderLink(store, link), affiliate: { id: link.affiliate_id } };
  });
}
