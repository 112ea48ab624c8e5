import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { DubContext } from './context';
import { DubApiError } from './apiError';
import type { StripeAppContext } from './stripeApp/context';
import { registerCommissionRoutes } from './routes/commissionRoutes';
import { registerCustomerRoutes } from './routes/customerRoutes';
import { registerEventRoutes } from './routes/eventRoutes';
import { registerPartnerRoutes } from './routes/partnerRoutes';
import { registerScriptRoute } from './routes/scriptRoute';
import { registerStripeWebhookRoute } from './routes/stripeWebhookRoute';
import { registerTrackClickRoute } from './routes/trackClickRoute';
import { registerTrackConversionRoutes } from './routes/trackConversionRoutes';

export interface StripeAppReceiver {
  context: StripeAppContext;
  /** The signing secret of the provider endpoint; null until registered (or never, with the app not installed). */
  secret(): string | null;
  mode: 'test' | 'live';
}

/** The emulated Dub API (https://api.dub.co), not yet listening. */
export function buildDubApp(context: DubContext, stripeApp: StripeAppReceiver): FastifyInstance {
  // No logger: requests carry API keys, and the sandbox's output belongs to the harness's evidence.
  const app = Fastify({ logger: false });

  app.setErrorHandler((error: FastifyError | DubApiError, _request, reply) => {
    if (error instanceof DubApiError) return reply.code(error.statusCode).headers(error.headers).send(error.body());
    const status = error.statusCode ?? 500;
    // A body Fastify could not parse is Dub's 400 bad_request; anything else its 500.
    const failure =
      status >= 400 && status < 500
        ? new DubApiError('bad_request', error.message)
        : new DubApiError(
            'internal_server_error',
            'An internal server error occurred. Please contact our support if the problem persists.',
          );
    return reply.code(failure.statusCode).send(failure.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new DubApiError('not_found', `The requested resource was not found: ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(error.statusCode).send(error.body());
  });

  registerScriptRoute(app);
  registerTrackClickRoute(app, context);
  registerTrackConversionRoutes(app, context);
  registerPartnerRoutes(app, context);
  registerCustomerRoutes(app, context);
  registerEventRoutes(app, context);
  registerCommissionRoutes(app, context);
  registerStripeWebhookRoute(app, stripeApp.context, stripeApp.secret, stripeApp.mode);
  return app;
}
