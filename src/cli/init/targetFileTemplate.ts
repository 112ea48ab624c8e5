import { REFERRAL_PLATFORM_LABELS } from '../../model/target/referralPlatformChoice';
import type { InitArguments } from './initArguments';
import { camelCase } from './targetName';

/** `targets/<name>/target.ts`: the Target, with every value the team must decide marked TODO. */
export function targetFile(choices: InitArguments): string {
  const text = targetFileText(choices);
  if (choices.paymentOnly) return paymentOnlyTarget(text);
  const platform = choices.referralPlatform;
  return platform === 'rewardful' || platform === 'dub' ? namedPlatformTarget(text, platform) : text;
}

/**
 * The same Target on a platform Dress Rehearsal has an adapter for: `referralPlatform` names it, and connect() tells
 * externalEnvironment so (its Stripe app needs no webhook endpoint in the account).
 */
function namedPlatformTarget(text: string, platform: 'rewardful' | 'dub'): string {
  const label = REFERRAL_PLATFORM_LABELS[platform];
  const partner =
    platform === 'rewardful'
      ? "the affiliate's link token (?via=<token>) and its campaign's id"
      : "the partner's link key (?via=<key>) and its programme's id (prog_...)";
  return text
    .replace(
      /\n {2}\/\/ On another referral platform[^\n]*\n {2}\/\/ referralPlatform: [^\n]*/,
      `\n  // The programme runs on ${label}: its adapter is built in (src/run/referral/platforms/${platform}/). REFERRAL_PLATFORM\n  // or rehearsal.config.ts's referral.platform may override it.\n  referralPlatform: '${platform}',`,
    )
    .replace(/(\/\/ TODO: the partner whose referral link[^\n]*)/, `$1\n    // On ${label}: ${partner}.`)
    .replace('plans: target.catalogue.plans });', 'plans: target.catalogue.plans, referralPlatform: target.referralPlatform });');
}

/** The same Target for a go-live with no referral programme: no partner, no commissions, no REFERRAL_* variables. */
function paymentOnlyTarget(text: string): string {
  return text
    .replace(/\n {6}\/\/ What the partner earns for one sale[^\n]*\n {6}expectedCommission: 400,/, '')
    .replace(/\n {4}\/\/ TODO: the partner whose referral link[^\n]*\n {4}partner: [^\n]*/, '')
    .replace(/, the partner's\n {4}\/\/ commission\./, '.\n    //')
    .replace(
      '  capabilities: {\n',
      '  capabilities: {\n    // A payment go-live only: every referral step is skipped and the referral items are not in this rehearsal.\n    referralProgramme: false,\n',
    )
    .replace(/\n {2}\/\/ On another referral platform[^\n]*\n {2}\/\/ referralPlatform: [^\n]*/, '')
    .replace(' STRIPE_*, REFERRAL_*,', ' STRIPE_*,')
    .replace('plans: target.catalogue.plans });', 'plans: target.catalogue.plans, referralProgramme: false });');
}

function targetFileText({ name, paymentForm, cancellation }: InitArguments): string {
  const cancels =
    cancellation === 'customer-portal'
      ? "\n    // Subscribers cancel in Stripe's customer portal (flows.ts drives it, pages/accountPage.ts opens it).\n    cancellation: 'customer-portal',"
      : '';
  return `import { ConfigError } from '../../src/base/configError';
import type { Target } from '../../src/model/target/contract';
import { describesExternalIntegration, externalEnvironment } from '../../src/model/target/externalEnvironment';
import { ${camelCase(name)}Flows } from './flows';

/**
 * ${name}: your integration, as the rehearsal drives it. Fill in every TODO (README.md in this folder says in
 * which order); src/model/target/contract.ts documents every field.
 */
const target: Target = {
  name: '${name}',
  description: 'TODO: one sentence on the shop and the integration this target rehearses.',
  catalogue: {
    // TODO: the one-time product the rehearsal buys: its slug on your site, its price at the provider, the partner's
    // commission. Selling only subscriptions? Delete \`product\`: the one-time purchase flows are then skipped,
    // with that reason.
    product: {
      slug: 'TODO-product-slug',
      name: 'TODO product name',
      // In the currency's minor units: cents for usd (2000 = 20.00 usd), yen for jpy.
      unitAmount: 2000,
      currency: 'usd',
      // How preflight finds the price at the provider: its lookup key (preferred) or its id (price_...).
      price: { lookupKey: 'TODO-price-lookup-key' },
      // What the partner earns for one sale, in minor units, as agreed with the programme.
      expectedCommission: 400,
    },
    // zeroDecimalProduct: a product priced in JPY, if you sell one (its flow is skipped otherwise).
    // TODO: the partner whose referral link the rehearsal opens, and its programme at the referral platform.
    partner: { key: 'TODO-partner-key', programId: 'TODO-program-id' },
    // TODO: your subscription plans, if you sell any (the subscription flow is skipped while this is empty).
    plans: [],
  },
  // How long to watch for what must NOT happen (a second charge, a conversion for a declined card), in ms: the longest
  // your integration may still act on an event after answering its webhook (a queue's delay). Default 5000.
  // settleWindowMs: 5000,
  capabilities: {
    // 'hosted-checkout' (Stripe Checkout's page) or 'embedded-elements' (Stripe's Payment Element in your page).
    // flows.ts and pages/ were written for this one (rehearse init --payment-form): change them with it.
    paymentForm: '${paymentForm}',
    // 'provider-api' (support refunds at Stripe; the rehearsal does it), or 'merchant-admin-ui' / 'merchant-api'
    // once flows.ts has refundOrder (resolving with { status: 'refunded' } once your site shows the order refunded).
    refunds: 'provider-api',
    // true once your pricing page can put a customer on a Stripe test clock the rehearsal created.
    testClock: false,${cancels}
  },
  goLive: {
    // TODO: the Stripe API version your code pins (its webhook endpoints must use it too), e.g. '2026-10-28.endive'.
    apiVersion: 'TODO-api-version',
    // TODO: the paths a customer's browser loads; preflight scans each page and its scripts for secret keys.
    customerPages: ['/'],
  },
  // On another referral platform than Dress Rehearsal's? Name its client here (docs/referral-adapter.md):
  // referralPlatform: (access) => new MyPlatformClient(access),

  async connect({ env }) {
    // Your integration is already running: .env says where (REHEARSAL_MERCHANT_URL, STRIPE_*, REFERRAL_*,
    // MERCHANT_WEBHOOK_*; see .env.example in this folder). Nothing is started, so nothing is released. The payment
    // form and your plans choose which events your webhook endpoint must receive when MERCHANT_WEBHOOK_EVENTS does not say.
    if (!describesExternalIntegration(env)) {
      throw new ConfigError('targets/${name}: REHEARSAL_MERCHANT_URL is not set: copy targets/${name}/.env.example to targets/${name}/.env and fill it in.');
    }
    return externalEnvironment(env, { paymentForm: target.capabilities.paymentForm, plans: target.catalogue.plans });
  },

  flows: ${camelCase(name)}Flows,
};

export default target;
`;
}
