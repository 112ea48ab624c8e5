import Stripe from 'stripe';
import { FaultSwitches } from '../faults';
import { assertLoopbackHost } from '../loopback';
import { listenMerchant } from '../merchant/merchantServer';
import { isLiveKey } from '../merchant/providerClient';
import { CustomerSessions, SubscriptionBook } from '../merchant/subscriptionRecords';
import { AdminSessions } from './adminAuth';
import { ensureCatalogue } from './catalogue';
import { OrderBook } from './orders';
import { ensurePlan } from './plan';
import { createProviderClient } from './providerClient';
import { ReferralLedger } from './referralLedger';
import type { HostedReferralPlatform } from './hostedReferralPlatform';
import type { TrackingSnippet } from '../merchant/document';
import { DUB_SHOP_WEBHOOK_EVENTS, registerReferralWebhookEndpoint, REWARDFUL_SHOP_WEBHOOK_EVENTS } from './referralWebhookEndpoint';
import type { ShopContext } from './shopContext';
import { buildShopServer } from './shopServer';
import { trackingSnippet } from './snippet';
import { SignupBook } from './subscriptions';
import { registerWebhookEndpoint } from './webhookEndpoint';

export const DEFAULT_SHOP_ADMIN_KEY = 'shop_admin_sandbox_0000';

export interface ShopOptions {
  host?: string;
  port?: number;
  providerUrl: string;
  providerSecretKey: string;
  referralUrl: string;
  referralPublishableKey: string;
  /**
   * The referral platform's secret key (never logged). Given: the shop registers its own webhook endpoint there at
   * start-up (`<shop url>/webhooks/referral`, see referralWebhookEndpoint.ts), so the platform must already run.
   * Absent: no endpoint, and `/webhooks/referral` refuses every delivery (400).
   */
  referralSecretKey?: string;
  /**
   * Rewardful or Dub instead of the sandbox's own platform (whose `referral*` options are then not used): the
   * storefront carries that platform's tracking snippet, hands the referral to Stripe its way, and registers
   * `/webhooks/referral` through the platform's stand-in for its dashboard, verifying its signature scheme.
   */
  referralPlatform?: HostedReferralPlatform;
  adminKey?: string;
  faults: FaultSwitches;
  /**
   * The API version the shop's code is pinned to: its SDK client sends it, its webhook endpoint is created with it, and
   * it reads what versions moved the way code pinned to it does (../merchant/pinnedReads.ts). Default the SDK's own.
   */
  apiVersion?: string;
}

export interface RunningShop {
  url: string;
  adminKey: string;
  /**
   * The signing secret (`whsec_…`) of the shop's webhook endpoint at the provider, for the process that started
   * the shop (the rehearsal's preflight signs its probe events with it). A secret: never log it.
   */
  webhookSecret: string;
  /** The shop's own webhook endpoint at the referral platform, when it registered one (`referralSecretKey` given). */
  referralWebhookEndpoint: { id: string; url: string } | null;
  close(): Promise<void>;
}

/**
 * Starts the demo merchant: makes sure the catalogue exists at the provider, listens, then registers its
 * webhook endpoints (they need the shop's URL): at the provider, and at the referral platform when given its secret
 * key. If a step fails, the server is closed again.
 */
export async function startShop(options: ShopOptions): Promise<RunningShop> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('shop', host);
  const adminKey = options.adminKey ?? DEFAULT_SHOP_ADMIN_KEY;
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const stripe = createProviderClient(options.providerUrl, options.providerSecretKey, apiVersion);
  const faults = options.faults ?? new FaultSwitches();
  const products = await ensureCatalogue(stripe, faults);
  const plan = await ensurePlan(stripe);
  const testMode = !isLiveKey(options.providerSecretKey);
  const configuredSnippet = snippetOf(options);
  const closing = new AbortController();

  const shop: ShopContext = {
    stripe,
    apiVersion,
    orders: new OrderBook(),
    products,
    plan,
    signups: new SignupBook(),
    subscriptions: new SubscriptionBook(),
    customerSessions: new CustomerSessions(),
    testMode,
    referralPlatform: options.referralPlatform?.name ?? 'dress-rehearsal',
    get snippet() {
      return trackingSnippet(configuredSnippet, testMode, faults);
    },
    providerSecretKey: options.providerSecretKey,
    adminKey,
    adminSessions: new AdminSessions(adminKey),
    faults,
    shopUrl: '',
    webhookSecret: null,
    referralWebhooks: { secret: null, ledger: new ReferralLedger() },
    handledEventIds: new Set(),
    closing: closing.signal,
  };
  const app = buildShopServer(shop);
  /** Aborts what still waits (a slow webhook answer), then closes the server and its connections. */
  const close = async () => {
    closing.abort();
    await app.close();
  };
  shop.shopUrl = await listenMerchant(app, 'shop', host, options.port ?? 4242);
  let webhookSecret: string;
  let referralWebhookEndpoint: RunningShop['referralWebhookEndpoint'] = null;
  try {
    webhookSecret = (await registerWebhookEndpoint(stripe, `${shop.shopUrl}/webhooks/stripe`, apiVersion)).secret;
    shop.webhookSecret = webhookSecret;
    const url = `${shop.shopUrl}/webhooks/referral`;
    const hosted = options.referralPlatform;
    const registered = hosted
      ? await hosted.registerMerchantEndpoint(url, [
          ...(hosted.name === 'rewardful' ? REWARDFUL_SHOP_WEBHOOK_EVENTS : DUB_SHOP_WEBHOOK_EVENTS),
        ])
      : options.referralSecretKey
        ? await registerReferralWebhookEndpoint({ url: options.referralUrl, secretKey: options.referralSecretKey }, url)
        : null;
    if (registered) {
      shop.referralWebhooks.secret = registered.secret;
      referralWebhookEndpoint = { id: registered.id, url };
    }
  } catch (error) {
    await close();
    throw error;
  }

  return { url: shop.shopUrl, adminKey, webhookSecret, referralWebhookEndpoint, close };
}

/** The tracking snippet the storefront carries, as configured: the shop's platform's. */
function snippetOf(options: ShopOptions): TrackingSnippet {
  const hosted = options.referralPlatform;
  if (hosted?.name === 'rewardful') return { platform: 'rewardful', scriptUrl: hosted.scriptUrl, publishableKey: hosted.publishableKey };
  if (hosted?.name === 'dub') {
    return {
      platform: 'dub',
      scriptUrl: hosted.scriptUrl,
      apiHost: hosted.apiHost,
      publishableKey: hosted.publishableKey,
      ...(hosted.referDomain !== undefined ? { referDomain: hosted.referDomain } : {}),
    };
  }
  return { referralUrl: options.referralUrl.replace(/\/+$/, ''), publishableKey: options.referralPublishableKey };
}
