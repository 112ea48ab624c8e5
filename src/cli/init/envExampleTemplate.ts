import {
  DEFAULT_MERCHANT_WEBHOOK_EVENTS,
  DEFAULT_REFERRAL_PROVIDER_WEBHOOK_EVENTS,
  PLAN_MERCHANT_WEBHOOK_EVENTS,
} from '../../model/target/externalEnvironment';
import type { InitArguments } from './initArguments';

/** `targets/<name>/.env.example`: the variables the target reads, secrets left empty. */
export function envExampleFile(choices: InitArguments): string {
  const text = envExampleText(choices);
  // A payment-only merchant has no referral platform: none of its variables.
  if (choices.paymentOnly) {
    return text
      .replace(/\n# The referral platform: [^]*?REFERRAL_PUBLISHABLE_KEY=\n/, '\n')
      .replace(/# The referral platform's Stripe webhook endpoint[^]*?# REFERRAL_PROVIDER_WEBHOOK_EVENTS=[^\n]*\n/, '');
  }
  const platform = choices.referralPlatform;
  if (platform !== 'rewardful' && platform !== 'dub') return text;
  return text
    .replace(/\n# The referral platform: [^]*?REFERRAL_PUBLISHABLE_KEY=\n/, `\n${PLATFORM_KEYS[platform]}`)
    .replace(
      /# The referral platform's Stripe webhook endpoint[^]*?# REFERRAL_PROVIDER_WEBHOOK_EVENTS=[^\n]*\n/,
      NO_PROVIDER_ENDPOINT[platform],
    );
}

/** Where each platform's keys are, in its own words (research notes on Rewardful and Dub, §1). */
const PLATFORM_KEYS: Record<'rewardful' | 'dub', string> = {
  rewardful: `# The referral platform: Rewardful (target.ts: referralPlatform: 'rewardful'). Its REST API
# (https://developers.rewardful.com/rest-api/overview) and, from Company settings, the API Secret (server-side only,
# full access) and the public API Key (the data-rewardful of its script). Rewardful has no test keys.
REFERRAL_API_BASE=https://api.getrewardful.com
REFERRAL_SECRET_KEY=
REFERRAL_PUBLISHABLE_KEY=
`,
  dub: `# The referral platform: Dub (target.ts: referralPlatform: 'dub'). Its API (https://dub.co/docs/api-reference/introduction)
# and, from the workspace's settings, an API key (dub_..., server-side only) and a publishable key (dub_pk_..., the
# one its analytics script uses; https://dub.co/docs/api-reference/authentication). Dub has no test keys.
REFERRAL_API_BASE=https://api.dub.co
REFERRAL_SECRET_KEY=
REFERRAL_PUBLISHABLE_KEY=
`,
};

/** Rewardful and Dub hear of payments through their Stripe app, not through an endpoint the merchant registers. */
const NO_PROVIDER_ENDPOINT: Record<'rewardful' | 'dub', string> = {
  rewardful: `# Rewardful hears of payments through its Stripe app (Company settings > Stripe), not through a webhook endpoint you
# register, so none is required at Stripe for it. Name one only if your account has one for it:
# REFERRAL_PROVIDER_WEBHOOK_URL=
`,
  dub: `# Dub hears of payments through its Stripe app (https://dub.co/docs/integrations/stripe), not through a webhook
# endpoint you register, so none is required at Stripe for it. Name one only if your account has one for it:
# REFERRAL_PROVIDER_WEBHOOK_URL=
`,
};

function envExampleText({ name, paymentForm }: InitArguments): string {
  const merchantEvents = DEFAULT_MERCHANT_WEBHOOK_EVENTS[paymentForm].join(',');
  const referralEvents = DEFAULT_REFERRAL_PROVIDER_WEBHOOK_EVENTS.join(',');
  return `# targets/${name}: copy this file to targets/${name}/.env (git-ignored) and fill it in. It is read when this target
# is chosen and wins over the project's .env; variables already set in the environment win over both.
# Keys and signing secrets belong in a .env only: never in rehearsal.config.ts, never committed.

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
# The events your endpoint must be subscribed to (comma list). The default follows target.ts's
# capabilities.paymentForm; for '${paymentForm}' it is ${merchantEvents}
# (and ${PLAN_MERCHANT_WEBHOOK_EVENTS.join(',')} too once catalogue.plans has a plan):
# MERCHANT_WEBHOOK_EVENTS=${merchantEvents}
# The referral platform's Stripe webhook endpoint (default: <REFERRAL_API_BASE>/v1/provider/webhooks) and the events
# it must receive (comma list; default ${referralEvents}):
# REFERRAL_PROVIDER_WEBHOOK_URL=
# REFERRAL_PROVIDER_WEBHOOK_EVENTS=${referralEvents}

# Your admin's credential (capabilities.refunds 'merchant-admin-ui') or your refund API's key ('merchant-api');
# it becomes environment.merchant.adminKey for flows.ts. A secret: .env only. Setting it also lets preflight's
# browser scan look for it in your pages (it must never reach a customer's browser).
# MERCHANT_ADMIN_KEY=
`;
}
