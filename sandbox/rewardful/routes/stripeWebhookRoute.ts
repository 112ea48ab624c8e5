import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { RewardfulContext } from '../context';
import { RewardfulApiError } from '../apiError';
import { handleProviderEvent } from '../stripe/providerEvents';

export const STRIPE_WEBHOOK_PATH = '/_sandbox/stripe/webhooks';

/**
 * POST /_sandbox/stripe/webhooks: the provider's events for Rewardful's Stripe integration (sandbox-only path: where
 * Stripe delivers Rewardful's Connect events is Rewardful's business). The body stays raw because the signature covers
 * the exact bytes; a bad signature is a 400.
 */
export function registerStripeWebhookRoute(app: FastifyInstance, context: RewardfulContext, secret: () => string | null): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(STRIPE_WEBHOOK_PATH, async (request) => {
      const signingSecret = secret();
      if (!signingSecret) throw new RewardfulApiError(400, 'Stripe is not connected.');
      const raw = request.body;
      const header = request.headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        if (!Buffer.isBuffer(raw) || typeof header !== 'string') throw new Error('no raw body or no Stripe-Signature header');
        event = context.stripe.webhooks.constructEvent(raw, header, signingSecret);
      } catch (error) {
        throw new RewardfulApiError(400, `Webhook signature verification failed: ${(error as Error).message}`);
      }
      return { received: true, outcome: await handleProviderEvent(context, event) };
    });
  });
}
