import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Stripe from 'stripe';
import type { MerchantApiErrors, RequestFailure } from './apiErrors';
import type { FailureLog } from './failureLog';

/** What went wrong, as the merchant's error page words it. */
export type ErrorPageKind = 'not-found' | 'bad-request' | 'failure';

/** How a merchant answers with its error page, and logs a failure (by kind only). */
export interface MerchantErrorPages {
  sendError(reply: FastifyReply, status: 400 | 404 | 502, kind: ErrorPageKind): FastifyReply;
  logFailure: FailureLog;
}

/** Where a merchant's JSON API lives (`/api/…`): its failures are answered in JSON, not with a page. */
const API_PREFIX = '/api/';

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith(API_PREFIX);
}

/**
 * A sandbox merchant's server-wide answers, with the app's one error handler: security headers on every response,
 * its page for an unknown URL; a failed request under /api answered by the API in JSON, elsewhere with its page of
 * the right kind (400 for a malformed request, 502 for anything else, logged by kind only), never a stack trace or a
 * provider's message.
 */
export function useMerchantErrorPages(
  app: FastifyInstance,
  merchant: MerchantErrorPages,
  api: Pick<MerchantApiErrors, 'answerError'>,
): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });
  app.setNotFoundHandler(async (_request, reply) => merchant.sendError(reply, 404, 'not-found'));
  app.setErrorHandler(async (error: RequestFailure, request, reply) => {
    if (isApiRequest(request)) return api.answerError(error, reply);
    const status = error.statusCode;
    const fromProvider = error instanceof Stripe.errors.StripeError;
    const clientError = !fromProvider && status !== undefined && status >= 400 && status < 500;
    const route = request.routeOptions.url ?? 'unknown route';
    if (!clientError) merchant.logFailure(`${request.method} ${route}`, error);
    return merchant.sendError(reply, clientError ? 400 : 502, clientError ? 'bad-request' : 'failure');
  });
}
