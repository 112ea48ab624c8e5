import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import qs from 'qs';
import type { RewardfulContext } from './context';
import { RewardfulApiError } from './apiError';
import { createSecretGuard } from './auth';
import type { RateLimitSettings } from './rateLimit';
import { registerAffiliateLinkRoutes } from './routes/affiliateLinkRoutes';
import { registerAffiliateRoutes } from './routes/affiliateRoutes';
import { registerCampaignRoutes } from './routes/campaignRoutes';
import { registerCommissionRoutes } from './routes/commissionRoutes';
import { registerReferralRoutes } from './routes/referralRoutes';
import { registerStripeWebhookRoute } from './routes/stripeWebhookRoute';
import { registerTrackingRoutes, VISIT_PATH } from './routes/trackingRoutes';

export interface RewardfulAppSettings {
  apiSecret: string;
  rateLimit: RateLimitSettings;
  /** The signing secret of Rewardful's endpoint at the provider; null while Stripe is not connected. */
  stripeSecret(): string | null;
}

/**
 * Rewardful's REST API (https://api.getrewardful.com/v1: Basic auth, form-encoded bodies, JSON answers:
 * https://developers.rewardful.com/rest-api/overview), its tracking script and the sandbox's Stripe receiver; not yet listening.
 */
export async function buildRewardfulApp(context: RewardfulContext, settings: RewardfulAppSettings): Promise<FastifyInstance> {
  // No logger: requests carry the API Secret.
  const app = Fastify({ logger: false, routerOptions: { querystringParser: (text) => qs.parse(text, { depth: 2 }) } });
  // Only the script's visit is cross-origin (it runs on the merchant's pages).
  await app.register(cors, {
    delegator: (request, callback) => {
      const isVisit = (request.url ?? '').split('?')[0] === VISIT_PATH;
      callback(null, isVisit ? { origin: '*', methods: ['POST'], allowedHeaders: ['Content-Type'], maxAge: 600 } : { origin: false });
    },
  });
  // "accepts form-encoded request bodies" (REST overview); JSON is accepted too (the script's visit).
  await app.register(formbody, { parser: (text) => qs.parse(text, { depth: 2 }) });

  app.setErrorHandler((error: FastifyError | RewardfulApiError, _request, reply) => {
    if (error instanceof RewardfulApiError) return reply.code(error.statusCode).send(error.body());
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(400).send({ error: error.message });
    return reply.code(500).send({ error: 'Rewardful failed to handle this request.' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `Not found: ${request.method} ${request.url.split('?')[0]}` }));

  registerTrackingRoutes(app, context);
  registerStripeWebhookRoute(app, context, settings.stripeSecret);
  const requireApiSecret = createSecretGuard(settings.apiSecret, settings.rateLimit);
  await app.register(async (api) => {
    api.addHook('preHandler', requireApiSecret);
    registerCampaignRoutes(api, context);
    registerAffiliateRoutes(api, context);
    registerAffiliateLinkRoutes(api, context);
    registerReferralRoutes(api, context);
    registerCommissionRoutes(api, context);
  });
  return app;
}
