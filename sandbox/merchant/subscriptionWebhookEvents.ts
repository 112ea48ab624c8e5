import type Stripe from 'stripe';

/** The event types `applySubscriptionEvent` keeps a merchant's subscription records with: every shop that sells the plan subscribes to them. */
export const SUBSCRIPTION_WEBHOOK_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
];
