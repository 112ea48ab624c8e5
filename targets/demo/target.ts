import Stripe from 'stripe';
import { FaultSwitches } from '../../sandbox/faults';
import { cloudPostureFromEnv, SHOP_WEBHOOK_EVENTS, shopApiVersionFromEnv, startSandbox, type RunningSandbox } from '../../sandbox/index';
import type { Target, TargetEnvironment } from '../../src/model/target/contract';
import { withSandboxSettings } from '../sandboxSettings';
import { describesExternalIntegration, externalEnvironment } from '../../src/model/target/externalEnvironment';
import { demoFlows } from './flows';
import { demoPartner, demoReferralPlatform } from './referralPlatform';

/**
 * The API version the demo shop's code is pinned to: SANDBOX_SHOP_API_VERSION (a released version, e.g. 2020-08-27,
 * for a merchant that never upgraded), else the SDK's own. Read once, when the target is loaded.
 */
const SHOP_API_VERSION = shopApiVersionFromEnv(process.env);

/**
 * The demo shop on the embedded offline sandbox: one sandbox per worker, on free ports. With SANDBOX_SHOP_API_VERSION
 * the whole merchant is on that version: the shop's SDK client and webhook endpoint, and the account's default (so
 * its events are written in it). When
 * REHEARSAL_MERCHANT_URL is set it connects to that running demo shop instead (e.g. `npm run sandbox -- --live`),
 * with the provider and referral platform the environment names, and starts nothing.
 *
 * The referral platform is the sandbox's own, Rewardful's or Dub's emulation (SANDBOX_REFERRAL_PLATFORM, else
 * REFERRAL_PLATFORM; see ./referralPlatform.ts): the target names it (`referralPlatform`), so the harness picks that
 * adapter by configuration alone, and its programme's id is that platform's seed's.
 */
export const demoTarget: Target = {
  name: 'demo',
  description: 'The demo shop with the embedded offline sandbox (Stripe-compatible provider and referral platform).',
  // Commissions: the demo programme pays 20 % of the sale on every platform (sandbox/referralPlatformSeeds.ts).
  get referralPlatform() {
    return demoReferralPlatform(process.env);
  },
  catalogue: {
    product: {
      slug: 'tshirt',
      name: 'Rehearsal T-shirt',
      unitAmount: 2000,
      currency: 'usd',
      price: { lookupKey: 'demo_tshirt' },
      expectedCommission: 400,
    },
    zeroDecimalProduct: {
      slug: 'tenugui',
      name: 'Rehearsal Tenugui',
      unitAmount: 1500,
      currency: 'jpy',
      price: { lookupKey: 'demo_tenugui_jpy' },
      expectedCommission: 300,
    },
    // `alice` on every platform; the programme's id is the running platform's (prog_demo on ours and Dub's).
    get partner() {
      return demoPartner(process.env);
    },
    plans: [
      {
        slug: 'club',
        name: 'Rehearsal Club',
        unitAmount: 1500,
        currency: 'usd',
        interval: 'month',
        intervalCount: 1,
        price: { lookupKey: 'demo_club_monthly' },
        expectedCommission: 300,
      },
    ],
  },
  // The sandbox's shop and referral platform act on an event before they answer its webhook (no queue): anything a
  // defect would create exists within milliseconds of the delivery, so half a second of watching is ample.
  settleWindowMs: 500,
  capabilities: {
    // Stripe's hosted Checkout: payments are checkout sessions.
    paymentForm: 'hosted-checkout',
    // Staff refund from the shop's admin orders page (flows.refundOrder).
    refunds: 'merchant-admin-ui',
    // The pricing page's test hook (`/pricing?test_clock=<id>`, test mode only) puts the customer on a test clock.
    testClock: true,
  },
  goLive: {
    // The shop pins its SDK client and webhook endpoint to its version (sandbox/shop/startShop.ts): the SDK's, unless
    // SANDBOX_SHOP_API_VERSION says otherwise. The referral platform's endpoint stays on the SDK's (information only).
    apiVersion: SHOP_API_VERSION ?? Stripe.API_VERSION,
    customerPages: ['/', '/products/tshirt', '/products/tenugui', '/pricing'],
  },

  async connect({ env }) {
    if (describesExternalIntegration(env)) return externalEnvironment(env, { plans: demoTarget.catalogue.plans });
    const referralPlatform = demoReferralPlatform(env);
    const sandbox = await withSandboxSettings(() =>
      startSandbox({
        referralPlatform,
        providerPort: 0,
        shopPort: 0,
        referralPort: 0,
        faults: FaultSwitches.parse(env.SANDBOX_FAULTS),
        // SANDBOX_CLOUD=1: the sandbox plays cloud (webhooks reach the shop, not a loopback sink unless SANDBOX_REACHABLE lists it).
        cloud: cloudPostureFromEnv(env),
        ...(SHOP_API_VERSION !== undefined ? { apiVersion: SHOP_API_VERSION, shopApiVersion: SHOP_API_VERSION } : {}),
      }),
    );
    return sandboxEnvironment(sandbox);
  },

  flows: demoFlows,
};

/** How preflight names each platform's webhook endpoint at the provider (its Stripe integration). */
const PROVIDER_WEBHOOK_NAMES: Record<RunningSandbox['referral']['platform'], string> = {
  'dress-rehearsal': 'the referral platform',
  rewardful: "Rewardful's Stripe integration",
  dub: "Dub's Stripe app",
};

/** Where the embedded sandbox's three services are, and the webhook endpoints the shop and the platform registered. */
function sandboxEnvironment(sandbox: RunningSandbox): TargetEnvironment {
  const shopWebhookUrl = `${sandbox.shop.url}/webhooks/stripe`;
  return {
    merchant: {
      baseUrl: sandbox.shop.url,
      adminKey: sandbox.shop.adminKey,
      webhook: { url: shopWebhookUrl, signingSecret: sandbox.shop.webhookSecret },
    },
    provider: {
      apiBase: sandbox.provider.url,
      secretKey: sandbox.provider.secretKey,
      publishableKey: sandbox.provider.publishableKey,
    },
    // The access of whichever platform runs (Rewardful's API Secret / Dub's `dub_…` key as the secret key); the
    // target's `referralPlatform` names the adapter that reads it.
    referral: {
      apiBase: sandbox.referral.url,
      secretKey: sandbox.referral.apiKey,
      publishableKey: sandbox.referral.publishableKey,
    },
    requiredWebhookEndpoints: [
      { name: 'the demo shop', url: shopWebhookUrl, events: [...SHOP_WEBHOOK_EVENTS] },
      {
        name: PROVIDER_WEBHOOK_NAMES[sandbox.referral.platform],
        url: sandbox.referral.providerWebhook.url,
        events: [...sandbox.referral.providerWebhook.events],
      },
    ],
    embeddedSandbox: true,
    release: () => sandbox.stop(),
  };
}

// `loadTarget('demo')` imports this file (targets/<name>/target.ts) and takes its default export.
export default demoTarget;
