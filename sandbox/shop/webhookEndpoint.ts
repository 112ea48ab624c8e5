import type Stripe from 'stripe';
import { SUBSCRIPTION_WEBHOOK_EVENTS } from '../merchant/subscriptionWebhookEvents';
import { registerMerchantWebhookEndpoint } from '../merchant/webhookEndpoint';

/** Every event type the shop's flows need (orders, payments, refunds, subscriptions). */
export const SHOP_WEBHOOK_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'checkout.session.completed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  ...SUBSCRIPTION_WEBHOOK_EVENTS,
];

/** Registers the shop's webhook endpoint, pinned to the shop's API version, and returns its signing secret. */
export function registerWebhookEndpoint(stripe: Stripe, url: string, apiVersion: string): Promise<{ id: string; secret: string }> {
  return registerMerchantWebhookEndpoint(stripe, {
    url,
    events: SHOP_WEBHOOK_EVENTS,
    description: 'Demo shop: orders, payments, refunds and subscriptions',
    apiVersion,
  });
}
