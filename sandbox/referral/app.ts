import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import qs from 'qs';
import type { ReferralContext } from './context';
import { ApiError } from './apiError';
import { registerIdempotentPosts } from './idempotentPosts';
import { registerClickRoutes } from './routes/clickRoutes';
import { registerConversionRoutes } from './routes/conversionRoutes';
import { registerDashboardRoutes } from './routes/dashboardRoutes';
import { registerProgramRoutes } from './routes/programRoutes';
import { registerProviderWebhookRoute, type ProviderWebhookVerifier } from './routes/providerWebhookRoute';
import { registerSandboxRoutes } from './routes/sandboxRoutes';
import { registerSnippetRoute } from './routes/snippetRoute';
import { registerWebhookEndpointRoutes } from './routes/webhookEndpointRoutes';

/** Only the click endpoint is cross-origin (the snippet on the merchant's page calls it); nothing else is. */
function isClickTracking(url: string | undefined, method: string): boolean {
  return (url ?? '').split('?')[0] === '/v1/clicks' && (method === 'POST' || method === 'OPTIONS');
}

/** The referral platform's HTTP API, not yet listening. */
export async function buildReferralApp(context: ReferralContext, verifier: ProviderWebhookVerifier): Promise<FastifyInstance> {
  // No logger: requests carry API keys, and the sandbox's output belongs to the harness's evidence.
  const app = Fastify({ logger: false, routerOptions: { querystringParser: (text) => qs.parse(text, { depth: 2 }) } });

  await app.register(cors, {
    delegator: (request, callback) => {
      if (!isClickTracking(request.url, request.method)) return callback(null, { origin: false });
      callback(null, { origin: '*', methods: ['POST'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
    },
  });
  await app.register(formbody, { parser: (text) => qs.parse(text, { depth: 2 }) });

  app.setErrorHandler((error: FastifyError | ApiError, _request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(error.statusCode).send(error.body());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(400)
        .send({ error: { type: 'invalid_request_error', code: error.code ?? 'invalid_request', message: error.message } });
    }
    return reply
      .code(500)
      .send({ error: { type: 'api_error', code: 'internal_error', message: 'The referral platform failed to handle this request.' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `Unrecognized request URL (${request.method}: ${request.url.split('?')[0]}).`,
      },
    }),
  );

  registerIdempotentPosts(app);
  registerSnippetRoute(app);
  registerClickRoutes(app, context);
  registerConversionRoutes(app, context);
  registerProgramRoutes(app, context);
  registerWebhookEndpointRoutes(app, context);
  registerProviderWebhookRoute(app, context, verifier);
  registerSandboxRoutes(app, context);
  registerDashboardRoutes(app, context);
  return app;
}
