import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A fresh referral-platform endpoint secret (Standard Webhooks: whsec_<base64>). */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** A referral platform message as it posts it: the JSON body and its Standard Webhooks headers, signed with `secret`. */
export function signedReferralDelivery(
  secret: string,
  message: { id: string; type: string; data: Record<string, unknown> },
): { headers: Record<string, string>; body: string } {
  const at = new Date();
  const body = JSON.stringify({ id: message.id, type: message.type, timestamp: at.toISOString(), data: message.data });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(message.id, at, body),
    },
  };
}

/** POSTs a signed referral platform message to `url`, as the platform would. */
export async function postReferralDelivery(
  url: string,
  secret: string,
  message: { id: string; type: string; data: Record<string, unknown> },
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const { headers, body } = signedReferralDelivery(secret, message);
  return fetch(url, { method: 'POST', headers: { ...headers, ...extraHeaders }, body });
}
