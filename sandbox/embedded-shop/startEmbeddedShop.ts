import { assertLoopbackHost } from '../loopback';
import { listenMerchant } from '../merchant/merchantServer';
import { createMerchantProviderClient, isLiveKey } from '../merchant/providerClient';
import { CustomerSessions, SubscriptionBook } from '../merchant/subscriptionRecords';
import { registerMerchantWebhookEndpoint } from '../merchant/webhookEndpoint';
import { ensureKissaCatalogue } from './catalogue';
import { OrderBook } from './orders';
import { SaleReporter } from './saleReport';
import type { EmbeddedShopContext } from './shopContext';
import { buildEmbeddedShopServer } from './shopServer';
import { SignupBook } from './signups';
import { EMBEDDED_SHOP_WEBHOOK_EVENTS } from './webhookEvents';

/** The merchant API key of the sandbox's embedded shop (sandbox-only, fake). */
export const DEFAULT_EMBEDDED_SHOP_API_KEY = 'kissa_api_sandbox_0000';

export interface EmbeddedShopOptions {
  host?: string;
  /** 0 picks a free port (default 4243). */
  port?: number;
  providerUrl: string;
  providerSecretKey: string;
  providerPublishableKey: string;
  referralUrl: string;
  referralPublishableKey: string;
  /** The referral platform's secret key: the shop reports its sales to the conversions API with it. */
  referralSecretKey: string;
  apiKey?: string;
}

export interface RunningEmbeddedShop {
  url: string;
  /** The merchant API's key (`Authorization: Bearer …`). A secret: never log it. */
  apiKey: string;
  /** The signing secret (`whsec_…`) of the shop's webhook endpoint at the provider. A secret: never log it. */
  webhookSecret: string;
  close(): Promise<void>;
}

/**
 * Starts Kissa, the embedded-elements merchant: makes sure its JPY catalogue exists at the provider, listens, then
 * registers its webhook endpoint (which needs the shop's URL). If a step fails, the server is closed again.
 */
export async function startEmbeddedShop(options: EmbeddedShopOptions): Promise<RunningEmbeddedShop> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('embedded shop', host);
  const apiKey = options.apiKey ?? DEFAULT_EMBEDDED_SHOP_API_KEY;
  const stripe = createMerchantProviderClient(options.providerUrl, options.providerSecretKey, {
    name: 'The embedded shop',
    appName: 'dress-rehearsal-embedded-shop',
  });
  const { products, plan } = await ensureKissaCatalogue(stripe);
  const shop: EmbeddedShopContext = {
    stripe,
    providerUrl: options.providerUrl.replace(/\/+$/, ''),
    providerPublishableKey: options.providerPublishableKey,
    testMode: !isLiveKey(options.providerSecretKey),
    products,
    plan,
    orders: new OrderBook(),
    signups: new SignupBook(),
    subscriptions: new SubscriptionBook(),
    customerSessions: new CustomerSessions(),
    snippet: { referralUrl: options.referralUrl.replace(/\/+$/, ''), publishableKey: options.referralPublishableKey },
    sales: new SaleReporter({ url: options.referralUrl, secretKey: options.referralSecretKey }),
    apiKey,
    shopUrl: '',
    webhookSecret: null,
    handledEventIds: new Set(),
  };
  const app = buildEmbeddedShopServer(shop);
  shop.shopUrl = await listenMerchant(app, 'embedded shop', host, options.port ?? 4243);
  try {
    const endpoint = await registerMerchantWebhookEndpoint(stripe, {
      url: `${shop.shopUrl}/webhooks/stripe`,
      events: EMBEDDED_SHOP_WEBHOOK_EVENTS,
      description: 'Kissa (embedded shop): payments, refunds and subscriptions',
    });
    shop.webhookSecret = endpoint.secret;
  } catch (error) {
    await app.close();
    throw error;
  }
  return { url: shop.shopUrl, apiKey, webhookSecret: shop.webhookSecret, close: () => app.close() };
}
