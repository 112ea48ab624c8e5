import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

/** A provider event envelope as the shop's endpoint receives one. */
export function providerEvent(
  type: string,
  object: Record<string, unknown>,
  options: { livemode?: boolean } = {},
): Record<string, unknown> {
  return {
    id: `evt_test_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'event',
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: options.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/** How a probe is signed: with which secret and when (default now); none = no Stripe-Signature header. */
export interface Signing {
  secret: string;
  /** Unix seconds the signature claims. */
  timestamp?: number;
}

/** POSTs the event to the shop's `/webhooks/stripe` as the provider would, signed or not. */
export function postWebhook(shopUrl: string, event: Record<string, unknown>, signing?: Signing, signal?: AbortSignal): Promise<Response> {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signing) {
    headers['stripe-signature'] = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: signing.secret,
      timestamp: signing.timestamp ?? Math.floor(Date.now() / 1000),
    });
  }
  return fetch(`${shopUrl}/webhooks/stripe`, { method: 'POST', headers, body: payload, signal });
}

/** A harmless event every shop acknowledges (preflight's probe): it changes no order. */
export function balanceAvailable(options: { livemode?: boolean } = {}): Record<string, unknown> {
  return providerEvent(
    'balance.available',
    { object: 'balance', available: [], pending: [], livemode: options.livemode ?? false },
    options,
  );
}
