import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { logFailure } from '../failureLog';
import type { EmbeddedShopContext } from '../shopContext';
import { handleEvent } from '../webhookEvents';

/**
 * POST /webhooks/stripe: the raw body is kept, because the signature covers the exact bytes;
 * `stripe.webhooks.constructEvent` checks it (and that it is at most 5 minutes old). A bad signature or an event
 * of the other mode is a 400, an event already handled is acknowledged again without acting twice.
 */
export async function stripeWebhookRoutes(app: FastifyInstance, shop: EmbeddedShopContext): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/stripe', async (request, reply) => {
    const signature = request.headers['stripe-signature'];
    let event: Stripe.Event;
    try {
      if (!Buffer.isBuffer(request.body) || typeof signature !== 'string' || !shop.webhookSecret) throw new Error('unsigned');
      event = shop.stripe.webhooks.constructEvent(request.body, signature, shop.webhookSecret);
    } catch {
      return reply.code(400).send({ error: 'Missing or invalid signature.' });
    }
    // A test-mode event must never fulfil a live order, nor the reverse.
    if (event.livemode === shop.testMode) {
      return reply.code(400).send({ error: `This endpoint accepts ${shop.testMode ? 'test' : 'live'} mode events only.` });
    }
    if (shop.handledEventIds.has(event.id)) return reply.code(200).send({ received: true, duplicate: true });
    let outcome;
    try {
      outcome = await handleEvent(shop, event);
    } catch (error) {
      logFailure(`webhook ${event.type}`, error);
      outcome = 'retry' as const;
    }
    if (outcome === 'retry') return reply.code(503).send({ error: 'Not handled yet; please deliver it again.' });
    shop.handledEventIds.add(event.id);
    return reply.code(200).send({ received: true });
  });
}
