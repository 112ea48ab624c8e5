import { createHmac } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Sandbox-only: a webhook endpoint's signing secret derived from the provider's secret key and the endpoint's URL,
 * shaped like Stripe's (`whsec_` + 32 base62 characters). The same key and URL give the same secret after a restart,
 * so a merchant configured with it keeps working once the sandbox is seeded again. Stripe draws its secrets at random.
 */
export function stableWebhookSecret(secretKey: string, url: string): string {
  const digest = createHmac('sha256', secretKey).update(`webhook-endpoint-secret:${url}`).digest();
  let out = '';
  for (const byte of digest.subarray(0, 32)) out += ALPHABET[byte % ALPHABET.length];
  return `whsec_${out}`;
}
