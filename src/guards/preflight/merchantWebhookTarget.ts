import { skipped } from './outcome';
import type { CheckOutcome, PreflightContext } from './types';

/**
 * The merchant's webhook endpoint a probe sends to, with its signing secret when the probe must sign; otherwise
 * the `skipped` outcome saying which variable to set.
 */
export function merchantWebhookTarget(
  context: PreflightContext,
  options: { needsSecret: boolean; probe: string },
): { url: string; secret: string | undefined } | { skip: CheckOutcome } {
  const webhook = context.environment.merchant.webhook;
  if (!webhook?.url) {
    return {
      skip: skipped(
        `The target names no merchant webhook endpoint, so ${options.probe} was not sent; set MERCHANT_WEBHOOK_URL (and MERCHANT_WEBHOOK_SECRET).`,
      ),
    };
  }
  const secret = webhook.signingSecret?.trim() || undefined;
  if (options.needsSecret && !secret) {
    return {
      skip: skipped(
        `The merchant webhook endpoint's signing secret is not known, so ${options.probe} could not be signed; set MERCHANT_WEBHOOK_SECRET to the endpoint's signing secret.`,
      ),
    };
  }
  return { url: webhook.url, secret };
}
