import { createHmac } from 'node:crypto';

/**
 * `Dub-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the endpoint's whole secret string
 * (https://dub.co/docs/webhooks/verify-webhook-requests; SRC apps/web/lib/webhook/signature.ts). No timestamp.
 */
export function dubSignature(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
