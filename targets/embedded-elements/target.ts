import Stripe from 'stripe';
import { FaultSwitches } from '../../sandbox/faults';
import {
  cloudPostureFromEnv,
  EMBEDDED_SHOP_WEBHOOK_EVENTS,
  KISSA_MATCHA_SET,
  KISSA_PLAN,
  KISSA_SENCHA,
  REFERRAL_PROVIDER_EVENT_TYPES,
  startSandbox,
  type RunningSandbox,
} from '../../sandbox/index';
import type { Target, TargetEnvironment } from '../../src/model/target/contract';
import { withSandboxSettings } from '../sandboxSettings';
import { describesExternalIntegration, externalEnvironment } from '../../src/model/target/externalEnvironment';
import { embeddedElementsFlows } from './flows';

/** prog_demo's rule (sandbox/referral/seed.ts): 20 % of the sale, in the sale's minor units (yen have none). */
const commissionAt20Percent = (amount: number) => Math.round(amount * 0.2);

/**
 * Kissa, a JPY tea shop served by the sandbox, built unlike the demo on purpose: the card is typed into the
 * provider's Payment Element inside the shop's own page, referral links use `?ref=`, refunds go through the
 * shop's API, amounts are in yen. One sandbox per worker, on free ports; with REHEARSAL_MERCHANT_URL set it connects
 * to a running Kissa instead (e.g. `npm run sandbox -- --merchant embedded`), with the provider and referral
 * platform the environment names, and starts nothing.
 */
export const embeddedElementsTarget: Target = {
  name: 'embedded-elements',
  description: 'Kissa, a JPY tea shop with the Payment Element in its own checkout page, on the embedded offline sandbox.',
  catalogue: {
    product: {
      slug: KISSA_MATCHA_SET.slug,
      name: KISSA_MATCHA_SET.name,
      unitAmount: KISSA_MATCHA_SET.unitAmount,
      currency: KISSA_MATCHA_SET.currency,
      price: { lookupKey: KISSA_MATCHA_SET.lookupKey },
      expectedCommission: commissionAt20Percent(KISSA_MATCHA_SET.unitAmount),
    },
    zeroDecimalProduct: {
      slug: KISSA_SENCHA.slug,
      name: KISSA_SENCHA.name,
      unitAmount: KISSA_SENCHA.unitAmount,
      currency: KISSA_SENCHA.currency,
      price: { lookupKey: KISSA_SENCHA.lookupKey },
      expectedCommission: commissionAt20Percent(KISSA_SENCHA.unitAmount),
    },
    partner: { key: 'alice', programId: 'prog_demo' },
    plans: [
      {
        slug: KISSA_PLAN.slug,
        name: KISSA_PLAN.name,
        unitAmount: KISSA_PLAN.unitAmount,
        currency: KISSA_PLAN.currency,
        interval: KISSA_PLAN.interval,
        intervalCount: 1,
        price: { lookupKey: KISSA_PLAN.lookupKey },
        expectedCommission: commissionAt20Percent(KISSA_PLAN.unitAmount),
      },
    ],
  },
  // The sandbox's shop and referral platform act on an event before they answer its webhook (no queue): anything a
  // defect would create exists within milliseconds of the delivery, so half a second of watching is ample.
  settleWindowMs: 500,
  capabilities: {
    // The Payment Element in the shop's checkout page: payments are payment intents confirmed with their client secret.
    paymentForm: 'embedded-elements',
    // The shop's own API refunds (flows.refundOrder calls it with the merchant API key).
    refunds: 'merchant-api',
    // `/pricing?test_clock=<id>` (test mode only) puts the new customer on the harness's test clock.
    testClock: true,
  },
  goLive: {
    // The shop and the referral platform pin their webhook endpoints to the SDK's version.
    apiVersion: Stripe.API_VERSION,
    customerPages: ['/', `/products/${KISSA_MATCHA_SET.slug}`, `/products/${KISSA_SENCHA.slug}`, '/pricing'],
  },

  async connect({ env }) {
    if (describesExternalIntegration(env))
      return externalEnvironment(env, { paymentForm: 'embedded-elements', plans: embeddedElementsTarget.catalogue.plans });
    const sandbox = await withSandboxSettings(() =>
      startSandbox({
        merchants: ['embeddedShop'],
        providerPort: 0,
        referralPort: 0,
        embeddedShopPort: 0,
        faults: FaultSwitches.parse(env.SANDBOX_FAULTS),
        // SANDBOX_CLOUD=1: the sandbox plays cloud (webhooks reach Kissa, not a loopback sink unless SANDBOX_REACHABLE lists it).
        cloud: cloudPostureFromEnv(env),
      }),
    );
    return sandboxEnvironment(sandbox);
  },

  flows: embeddedElementsFlows,
};

/** Where the sandbox's services are, and the webhook endpoints Kissa and the referral platform registered. */
function sandboxEnvironment(sandbox: RunningSandbox<'embeddedShop'>): TargetEnvironment {
  const shop = sandbox.embeddedShop;
  const shopWebhookUrl = `${shop.url}/webhooks/stripe`;
  return {
    // Kissa refunds through its API: its key is the merchant credential (a secret, never logged).
    merchant: { baseUrl: shop.url, adminKey: shop.apiKey, webhook: { url: shopWebhookUrl, signingSecret: shop.webhookSecret } },
    provider: { apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey, publishableKey: sandbox.provider.publishableKey },
    referral: { apiBase: sandbox.referral.url, secretKey: sandbox.referral.apiKey, publishableKey: sandbox.referral.publishableKey },
    requiredWebhookEndpoints: [
      { name: 'Kissa, the embedded shop', url: shopWebhookUrl, events: [...EMBEDDED_SHOP_WEBHOOK_EVENTS] },
      { name: 'the referral platform', url: `${sandbox.referral.url}/v1/provider/webhooks`, events: [...REFERRAL_PROVIDER_EVENT_TYPES] },
    ],
    embeddedSandbox: true,
    release: () => sandbox.stop(),
  };
}

// `loadTarget('embedded-elements')` imports this file (targets/<name>/target.ts) and takes its default export.
export default embeddedElementsTarget;
