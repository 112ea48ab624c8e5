import type Stripe from 'stripe';
import type { LanternApp } from '../app';
import { sendJson } from '../http';
import type { Router } from '../router';
import { handleEvent } from '../webhookEvents';

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * `POST /stripe/webhook`: the signature over the exact bytes (the SDK's 300 s tolerance), then the mode (a
 * live event never changes a test shop, nor the reverse). Every verified event is answered 200, types the shop
 * ignores included; handling only updates memory, so the answer is never late.
 */
export function webhookRoute(router: Router, app: LanternApp): void {
  router.post('/stripe/webhook', async (req, res) => {
    if (!app.webhookSecret) return sendJson(res, 503, { error: 'Webhooks are not accepted: STRIPE_WEBHOOK_SECRET is not set.' });
    const body = await req.body(WEBHOOK_BODY_LIMIT);
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') return sendJson(res, 400, { error: 'Missing Stripe-Signature header.' });
    let event: Stripe.Event;
    try {
      event = app.stripe.webhooks.constructEvent(body, signature, app.webhookSecret);
    } catch {
      return sendJson(res, 400, { error: 'Invalid signature.' });
    }
    if (event.livemode !== app.live) {
      return sendJson(res, 400, {
        error: `A ${event.livemode ? 'live' : 'test'}-mode event cannot change a ${app.live ? 'live' : 'test'}-mode shop.`,
      });
    }
    if (!app.handledEvents.has(event.id)) {
      try {
        handleEvent(app, event);
      } catch (error) {
        app.warn(`could not handle ${event.type} ${event.id}: ${(error as Error).message}`);
        return sendJson(res, 500, { error: 'The event could not be handled; it will be retried.' });
      }
      app.handledEvents.add(event.id);
    }
    sendJson(res, 200, { received: true });
  });
}
