import type { FastifyInstance, FastifyReply } from 'fastify';
import Stripe from 'stripe';

/** What went wrong, as the merchant's error page words it. */
export type ErrorPageKind = 'not-found' | 'bad-request' | 'failure';

/**
 * A sandbox merchant's server-wide answers: security headers on every response, its page for an unknown URL, and
 * for a failed request its page of the right kind (400 for a malformed request, 502 for anything else, logged by
 * kind only), never a stack trace or a provider's message.
 */
export function useMerchantErrorPages(
  app: FastifyInstance,
  merchant: { sendError(reply: FastifyReply, status: 400 | 404 | 502, kind: ErrorPageKind): FastifyReply; logFailure(where: string, error: unknown): void },
): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });
  app.setNotFoundHandler(async (_request, reply) => merchant.sendError(reply, 404, 'not-found'));
  app.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
    const clientError = !(error instanceof Stripe.errors.StripeError) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500;
    if (!clientError) merchant.logFailure(`${request.method} ${request.routeOptions.url ?? 'unknown route'}`, error);
    return merchant.sendError(reply, clientError ? 400 : 502, clientError ? 'bad-request' : 'failure');
  });
}
