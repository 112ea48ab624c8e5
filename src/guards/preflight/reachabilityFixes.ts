import type { PreflightMode } from './types';

/** Who sends webhooks to an endpoint: the payment provider, or the referral platform. */
export type WebhookSender = 'provider' | 'referral platform';

/**
 * How teams let a sender in the cloud reach a shop that runs on a laptop or a private network, one line each, for
 * the endpoints `urls` at `sender`.
 *
 * The Stripe CLI line was checked against Stripe's docs (docs corpus: docs.stripe.com/cli/listen and the stripe-cli
 * wiki's "listen command"): `stripe listen --forward-to <url>` receives the account's events over a direct connection
 * to Stripe, forwards them to `<url>`, and prints "Ready! Your webhook signing secret is whsec_…" for the application's
 * configuration; no endpoint needs to be configured in the Dashboard, and the secret does not change between restarts.
 * It is offered for a test run only: `listen` works in test mode by default, and a live rehearsal must reach the
 * endpoint the shop will really use. It applies to the provider only (the referral platform has no such CLI).
 */
export function reachabilityFixes(sender: WebhookSender, mode: PreflightMode, urls: readonly string[]): string[] {
  const where = sender === 'provider' ? "the provider (its dashboard's webhook settings)" : 'the referral platform';
  const fixes: string[] = [];
  if (sender === 'provider' && mode === 'test') {
    const forwardTo = urls[0] ?? 'http://127.0.0.1:<port>/<webhook path>';
    fixes.push(
      `To fix, for development in test mode: forward the provider's events with the Stripe CLI, \`stripe listen --forward-to ${forwardTo}\` (it prints a webhook signing secret, whsec_…, for the shop while it runs); ` +
        "but the CLI delivers outside the registered endpoints, so the provider's delivery count cannot show those deliveries and the endpoint checks still want a reachable registered endpoint: for a rehearsal, prefer the next two.",
    );
  }
  fixes.push(
    `To fix: run a tunnel to the shop (ngrok, cloudflared) and register its public https URL, with the same path, as the endpoint at ${where} instead.`,
    `To fix: or register the https URL of a staging host the internet reaches as the endpoint at ${where}.`,
  );
  return fixes;
}

/** The fixes in a few words, for the end of a summary. */
export function reachabilityFixesInBrief(senders: readonly WebhookSender[], mode: PreflightMode): string {
  const cli = senders.includes('provider') && mode === 'test';
  return cli
    ? "the Stripe CLI's forwarding (test mode), a tunnel such as ngrok or cloudflared, or a staging host"
    : 'a tunnel such as ngrok or cloudflared, or a staging host';
}
