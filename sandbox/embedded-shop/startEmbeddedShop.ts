import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { assertLoopbackHost } from '../loopback';
import { useMerchantErrorPages, type ErrorPageKind } from '../merchant/errorPages';
import { createMerchantProviderClient } from '../merchant/providerClient';
import { CustomerSessions, SubscriptionBook } from '../merchant/subscriptionRecords';
import { registerMerchantWebhookEndpoint } from '../merchant/webhookEndpoint';
import { ensureKissaCatalogue } from './catalogue';
import { logFailure } from './failureLog';
import { OrderBook } from './orders';
import { errorBody, sendPage, type KissaPage } from './pages/layout';
import { accountRoutes } from './routes/account';
import { checkoutRoutes } from './routes/checkout';
import { completeRoutes } from './routes/complete';
import { merchantApiRoutes } from './routes/merchantApi';
import { storefrontRoutes } from './routes/storefront';
import { stripeWebhookRoutes } from './routes/stripeWebhooks';
import { subscribeRoutes } from './routes/subscribe';
import { SaleReporter } from './saleReport';
import type { EmbeddedShopContext } from './shopContext';
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
    testMode: !/^(sk|rk)_live_/.test(options.providerSecretKey),
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
  const app = buildServer(shop);
  await app.listen({ host, port: options.port ?? 4243 });
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The embedded shop server has no TCP address.');
    shop.shopUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
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

const ERROR_PAGES: Record<ErrorPageKind, (shop: EmbeddedShopContext) => KissaPage> = {
  'not-found': (shop) => ({ title: 'Not found', body: errorBody('We could not find that page', 'Have a look at the teas instead.'), snippet: shop.snippet }),
  'bad-request': (shop) => ({ title: 'Something went wrong', body: errorBody('We could not read that request', 'Please go back and try again.'), snippet: shop.snippet }),
  failure: (shop) => ({ title: 'Something went wrong', body: errorBody('Something went wrong on our side', 'Please try again in a moment.'), snippet: shop.snippet }),
};

function buildServer(shop: EmbeddedShopContext): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 256 * 1024 });
  app.register(fastifyCookie);
  // Each scope has its own body parsers: raw bytes for webhooks, JSON for the API, forms for pages.
  app.register(async (webhooks) => stripeWebhookRoutes(webhooks, shop));
  app.register(async (api) => merchantApiRoutes(api, shop), { prefix: '/api' });
  app.register(async (pages) => {
    await pages.register(fastifyFormbody);
    storefrontRoutes(pages, shop);
    checkoutRoutes(pages, shop);
    completeRoutes(pages, shop);
    subscribeRoutes(pages, shop);
    accountRoutes(pages, shop);
  });

  useMerchantErrorPages(app, { sendError: (reply, status, kind) => sendPage(reply, status, ERROR_PAGES[kind](shop)), logFailure });
  return app;
}
