import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';

/** Stripe's default tolerance for the signed timestamp, in seconds. */
export const STRIPE_TOLERANCE_SECONDS = 300;

export interface SignatureCheck {
  verified: boolean;
  /** A short reason when not verified: "forged signature", "stale timestamp", … */
  rejection?: string;
}

/** Verifies a Standard Webhooks delivery against every trusted secret; one match is enough. */
export function checkStandardWebhooksSignature(
  rawBody: string,
  headers: Record<string, string>,
  trusted: readonly Webhook[],
): SignatureCheck {
  if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) {
    return { verified: false, rejection: 'incomplete Standard Webhooks headers (webhook-id, -timestamp, -signature)' };
  }
  if (trusted.length === 0) return { verified: false, rejection: 'no trusted Standard Webhooks secret' };
  let rejection = 'forged signature';
  for (const webhook of trusted) {
    try {
      webhook.verify(rawBody, headers);
      return { verified: true };
    } catch (error) {
      rejection = standardWebhooksReason(error);
    }
  }
  return { verified: false, rejection };
}

/** Verifies a Stripe-Signature header against every trusted secret with the official SDK. */
export function checkStripeSignature(rawBody: string, header: string, trustedSecrets: readonly string[]): SignatureCheck {
  if (trustedSecrets.length === 0) return { verified: false, rejection: 'no trusted Stripe webhook secret' };
  let rejection = 'forged signature';
  for (const secret of trustedSecrets) {
    try {
      Stripe.webhooks.constructEvent(rawBody, header, secret, STRIPE_TOLERANCE_SECONDS);
      return { verified: true };
    } catch (error) {
      const reason = stripeReason(error);
      // A stale timestamp means the signature itself matched this secret: the more telling reason.
      if (reason === 'stale timestamp' || rejection === 'forged signature') rejection = reason;
    }
  }
  return { verified: false, rejection };
}

function standardWebhooksReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/too old/i.test(message)) return 'stale timestamp';
  if (/too new/i.test(message)) return 'timestamp in the future';
  if (/invalid signature headers/i.test(message)) return 'malformed timestamp';
  if (/no matching signature/i.test(message)) return 'forged signature';
  return `signature check failed: ${message}`;
}

function stripeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/tolerance/i.test(message)) return 'stale timestamp';
  if (/no signatures found matching/i.test(message)) return 'forged signature';
  if (/unable to extract|expected scheme/i.test(message)) return 'malformed Stripe-Signature header';
  return `signature check failed: ${message.split('\n')[0]}`;
}
