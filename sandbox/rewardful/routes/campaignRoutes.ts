import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { notFound } from '../apiError';
import { listPage, newestFirst } from '../listPage';
import { renderCampaign } from '../render';

type Query = Record<string, unknown>;

/**
 * GET /v1/campaigns (https://developers.rewardful.com/rest-api/campaigns, "List campaigns") and
 * GET /v1/campaigns/:id ("Retrieve campaign"; the object: https://developers.rewardful.com/rest-api/campaigns/the-campaign-object).
 */
export function registerCampaignRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const { store } = context;
  app.get<{ Querystring: Query }>('/v1/campaigns', async (request) => {
    const page = listPage(newestFirst(store.campaigns.values()), request.query);
    return { ...page, data: page.data.map((campaign) => renderCampaign(store, campaign)) };
  });
  app.get<{ Params: { id: string } }>('/v1/campaigns/:id', async (request) => {
    const campaign = store.campaigns.get(request.params.id);
    if (!campaign) throw notFound('Campaign', request.params.id);
    return renderCampaign(store, campaign);
  });
}
