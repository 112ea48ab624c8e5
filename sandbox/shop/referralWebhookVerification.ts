import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { ShopReferralPlatformName } from './shopContext';

/** A referral platform's webhook message, verified, in the ledger's words whatever the platform's envelope. */
export interface VerifiedReferralMessage {
  id: string;
  type: string;
  /** When the platform stamped it (ISO 8601 or Unix seconds as text; compared within one platform only). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** Reads one request header (the first value when repeated; '' when absent). */
export type HeaderReader = (name: string) => string;

/** The message is not signed with the endpoint's secret, or is not a message of the platform: the shop answers 400. */
export class ReferralWebhookRejected extends Error {
  override name = 'ReferralWebhookRejected';
}

/**
 * Verifies one delivery at `/webhooks/referral` over its exact bytes, the way the shop's platform signs:
 * - Dress Rehearsal's platform: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), with the
 *   `standardwebhooks` package at its default timestamp tolerance (5 minutes), as the harness's sink does;
 * - Rewardful: `X-Rewardful-Signature` = hex HMAC-SHA256 of the raw body with the endpoint's signing secret
 *   (https://developers.rewardful.com/webhooks/signed-webhooks); envelope `{ object, event: { id, type, created_at },
 *   request }` (https://developers.rewardful.com/webhooks/requests);
 * - Dub: `Dub-Signature` = hex HMAC-SHA256 of the raw body with the webhook's secret
 *   (https://dub.co/docs/webhooks/verify-webhook-requests); envelope `{ id, event, createdAt, data }`
 *   (https://dub.co/docs/webhooks/event-types).
 * Neither Rewardful nor Dub signs a timestamp, so neither can be checked for replay (documented: no timestamp field).
 */
export function verifyReferralWebhook(
  platform: ShopReferralPlatformName,
  secret: string,
  body: Buffer,
  header: HeaderReader,
): VerifiedReferralMessage {
  switch (platform) {
    case 'rewardful':
      return rewardfulMessage(jsonSignedWith(secret, body, header('x-rewardful-signature')));
    case 'dub':
      return dubMessage(jsonSignedWith(secret, body, header('dub-signature')));
    default:
      return standardMessage(secret, body, header);
  }
}

function standardMessage(secret: string, body: Buffer, header: HeaderReader): VerifiedReferralMessage {
  let message: unknown;
  try {
    message = new Webhook(secret).verify(body.toString('utf8'), {
      'webhook-id': header('webhook-id'),
      'webhook-timestamp': header('webhook-timestamp'),
      'webhook-signature': header('webhook-signature'),
    });
  } catch {
    throw new ReferralWebhookRejected('Signature verification failed.');
  }
  const { id, type, timestamp, data } = (message ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof type !== 'string' || !isRecord(data)) {
    throw new ReferralWebhookRejected('Not a referral platform message.');
  }
  return { id, type, timestamp: String(timestamp ?? ''), data };
}

/** The body parsed, once its hex HMAC-SHA256 under `secret` equals `signature` (compared in constant time). */
function jsonSignedWith(secret: string, body: Buffer, signature: string): unknown {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature.trim()) ? Buffer.from(signature.trim(), 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ReferralWebhookRejected('Signature verification failed.');
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new ReferralWebhookRejected('Not a referral platform message.');
  }
}

/** Rewardful's `{ object, event }` as a ledger message; a commission's fields in the ledger's words. */
function rewardfulMessage(payload: unknown): VerifiedReferralMessage {
  const { object, event } = (payload ?? {}) as Record<string, unknown>;
  if (!isRecord(object) || !isRecord(event) || typeof event.id !== 'string' || typeof event.type !== 'string') {
    throw new ReferralWebhookRejected('Not a Rewardful webhook.');
  }
  const data = event.type.startsWith('commission.')
    ? {
        id: object.id,
        partner: isRecord(object.affiliate) ? object.affiliate.id : '',
        conversion: isRecord(object.sale) ? object.sale.id : '',
        amount: object.amount,
        currency: String(object.currency ?? '').toLowerCase(),
        // A deleted commission (a full refund deletes an unpaid one) is no longer owed.
        status: event.type === 'commission.deleted' ? 'deleted' : object.state,
      }
    : object;
  return { id: event.id, type: event.type, timestamp: String(event.created_at ?? ''), data };
}

/** Dub's `{ id, event, createdAt, data }` as a ledger message; a commission's partner earnings as its amount. */
function dubMessage(payload: unknown): VerifiedReferralMessage {
  const { id, event, createdAt, data } = (payload ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof event !== 'string' || !isRecord(data)) throw new ReferralWebhookRejected('Not a Dub webhook.');
  const ledgerData = event.startsWith('commission.')
    ? {
        id: data.id,
        partner: isRecord(data.partner) ? data.partner.id : '',
        conversion: data.invoiceId ?? '',
        amount: data.earnings,
        currency: data.currency,
        status: data.status,
      }
    : data;
  return { id, type: event, timestamp: String(createdAt ?? ''), data: ledgerData };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
