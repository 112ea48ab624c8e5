import type Stripe from 'stripe';
import type { ShopContext } from './shopContext';

export type Verification = { ok: true; event: Stripe.Event } | { ok: false; error: string };

/**
 * The event in a `POST /webhooks/stripe`, if the provider signed it: `stripe.webhooks.constructEvent` checks the
 * HMAC over the exact bytes and that the signature is at most 5 minutes old (the SDK's default tolerance).
 * Two defects weaken it: `shop.ignore-webhook-timestamp` checks the HMAC with no tolerance (a captured event can
 * be replayed forever), `shop.accept-unsigned-webhooks` trusts the JSON body whenever the signature fails.
 */
export function verifyWebhook(shop: ShopContext, body: unknown, signature: string | string[] | undefined): Verification {
  if (!Buffer.isBuffer(body)) return { ok: false, error: 'Missing or invalid signature.' };
  const secret = shop.webhookSecret;
  const missing = !secret || typeof signature !== 'string';
  try {
    if (missing) throw new Error('Missing signature.');
    // A tolerance of 0 makes the SDK skip the timestamp check.
    const tolerance = shop.faults.has('shop.ignore-webhook-timestamp') ? 0 : undefined;
    return { ok: true, event: shop.stripe.webhooks.constructEvent(body, signature, secret, tolerance) };
  } catch {
    if (shop.faults.has('shop.accept-unsigned-webhooks')) {
      const trusted = parseEvent(body);
      if (trusted) return { ok: true, event: trusted };
    }
    return { ok: false, error: missing ? 'Missing or invalid signature.' : 'Signature verification failed.' };
  }
}

/** The body read as an event without any check (the defect's way): an object with an id and a type, or undefined. */
function parseEvent(body: Buffer): Stripe.Event | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { id?: unknown; type?: unknown } | null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.type === 'string' ? (parsed as Stripe.Event) : undefined;
  } catch {
    return undefined;
  }
}
