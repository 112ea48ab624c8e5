import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { ReferralContext } from '../context';
import { ApiError } from '../apiError';
import { handleProviderEvent } from '../providerEvents';

export interface ProviderWebhookVerifier {
  stripe: Stripe;
  /** The signing secret the provider returned when the platform registered its endpoint; null until then. */
  secret(): string | null;
}

/**
 * POST /v1/provider/webhooks: the provider's events. The body is kept raw (a scoped buffer parser), because
 * the signature covers the exact bytes; `stripe.webhooks.constructEvent` verifies it, bad ones get 400.
 */
export function registerProviderWebhookRoute(app: FastifyInstance, context: ReferralContext, verifier: ProviderWebhookVerifier): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post('/v1/provider/webhooks', async (request) => {
      const secret = verifier.secret();
      if (!secret)
        throw new ApiError(
          400,
          'invalid_request_error',
          'endpoint_not_registered',
          'The platform has not registered its provider webhook endpoint yet.',
        );
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new ApiError(400, 'invalid_request_error', 'body_missing', 'Expected the raw event body.');
      const header = request.headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        if (typeof header !== 'string') throw new Error('No Stripe-Signature header.');
        event = verifier.stripe.webhooks.constructEvent(raw, header, secret);
      } catch (error) {
        throw new ApiError(
          400,
          'invalid_request_error',
          'signature_invalid',
          `Webhook signature verification failed: ${(error as Error).message}`,
        );
      }
      const outcome = handleProviderEvent(context.store, context.sender, context.faults, event);
      return { received: true, outcome };
    });
  });
}
