import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { StripeAppContext } from '../stripeApp/context';
import { handleStripeAppEvent } from '../stripeApp/handleEvent';
import { stripeAppPath } from '../stripeApp/registration';

/**
 * POST /api/stripe/integration/webhook[/test]: the Stripe app's receiver (SRC app/(ee)/api/stripe/integration/webhook/route.ts):
 * the raw body is verified with the endpoint's secret (`stripe.webhooks.constructEvent`); a bad signature is 400
 * "Webhook Error: …"; a live endpoint drops test-mode events. The body stays raw (a scoped buffer parser).
 */
export function registerStripeWebhookRoute(
  app: FastifyInstance,
  context: StripeAppContext,
  secret: () => string | null,
  mode: 'test' | 'live',
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(stripeAppPath(mode), async (request, reply) => {
      const signingSecret = secret();
      const signature = request.headers['stripe-signature'];
      if (!signingSecret || typeof signature !== 'string' || !Buffer.isBuffer(request.body)) return reply.code(400).send('Invalid request');
      let event: Stripe.Event;
      try {
        event = context.stripe.webhooks.constructEvent(request.body, signature, signingSecret);
      } catch (error) {
        return reply.code(400).send(`Webhook Error: ${(error as Error).message}`);
      }
      if (mode === 'live' && !event.livemode) return reply.code(200).send('Livemode event on test webhook endpoint, skipping...');
      return reply.code(200).send(await handleStripeAppEvent(context, event));
    });
  });
}
