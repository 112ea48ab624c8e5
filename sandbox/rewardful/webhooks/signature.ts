import { createHmac } from 'node:crypto';

/**
 * `X-Rewardful-Signature`: the hex HMAC-SHA256 of the raw request body keyed with the endpoint's signing secret
 * (https://developers.rewardful.com/webhooks/signed-webhooks: `OpenSSL::HMAC.hexdigest('sha256', secret, raw_post)`).
 */
export const SIGNATURE_HEADER = 'x-rewardful-signature';

export function signBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}
