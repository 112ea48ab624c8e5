/** `targets/<name>/.env.example`: the variables the target reads, secrets left empty. */
export function envExampleFile(name: string): string {
  return `# targets/${name}: copy these lines into .env at the repository root (git-ignored) and fill them in.
# Keys and signing secrets belong in .env only: never in rehearsal.config.ts, never committed.
# Variables already set in the environment win over .env.

# Rehearse this target (or set target: '${name}' in rehearsal.config.ts).
REHEARSAL_TARGET=${name}

# Your site as a customer opens it, e.g. https://staging.shop.example
REHEARSAL_MERCHANT_URL=

# Stripe: the account's test-mode keys (Dashboard > Developers > API keys): sk_test_... (or rk_test_...), pk_test_...
STRIPE_SECRET_KEY=
STRIPE_PUBLISHABLE_KEY=
# Only when not https://api.stripe.com:
# REHEARSAL_PROVIDER_API_BASE=https://api.stripe.com

# The referral platform: its API base URL and the programme's keys.
REFERRAL_API_BASE=
REFERRAL_SECRET_KEY=
REFERRAL_PUBLISHABLE_KEY=

# Your own Stripe webhook endpoint, exactly as registered at Stripe, and its signing secret (whsec_...): preflight
# sends it signed, unsigned, forged and stale events. Without the secret only the unsigned and forged probes run.
MERCHANT_WEBHOOK_URL=
MERCHANT_WEBHOOK_SECRET=
# The events your endpoint must be subscribed to (default: checkout.session.completed,charge.refunded):
# MERCHANT_WEBHOOK_EVENTS=checkout.session.completed,charge.refunded
# The referral platform's Stripe webhook endpoint (default: <REFERRAL_API_BASE>/v1/provider/webhooks):
# REFERRAL_PROVIDER_WEBHOOK_URL=
# Your admin's key, only when flows.ts refunds by signing in to your admin (capabilities.refunds 'merchant-admin-ui'):
# MERCHANT_ADMIN_KEY=
`;
}
