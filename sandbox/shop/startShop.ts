import Fastify, { type FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { FaultSwitches } from '../faults';
import { useMerchantErrorPages, type ErrorPageKind } from '../merchant/errorPages';
import { assertLoopbackHost } from '../loopback';
import { AdminSessions } from './adminAuth';
import { ensureCatalogue } from './catalogue';
import { logFailure } from './failureLog';
import { OrderBook } from './orders';
import { ensurePlan, isLiveKey } from './plan';
import { CustomerSessions, SignupBook, SubscriptionBook } from './subscriptions';
import { errorBody } from './pages/errorPage';
import { createProviderClient } from './providerClient';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { checkoutCanceledRoutes } from './routes/checkoutCanceled';
import { checkoutRoutes } from './routes/checkout';
import { ordersApiRoutes } from './routes/ordersApi';
import { sendPage } from './routes/sendPage';
import { storefrontRoutes } from './routes/storefront';
import { subscribeRoutes } from './routes/subscribe';
import { stripeWebhookRoutes } from './routes/stripeWebhooks';
import { successRoutes } from './routes/success';
import type { ShopContext } from './shopContext';
import { trackingSnippet } from './snippet';
import { registerWebhookEndpoint } from './webhookEndpoint';
import { ReferralLedger } from './referralLedger';
import { registerReferralWebhookEndpoint } from './referralWebhookEndpoint';
import { referralWebhookRoutes } from './routes/referralWebhooks';

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
  const configuredSnippet = { referralUrl: options.referralUrl.replace(/\/+$/, ''), publishableKey: options.referralPublishableKey };
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
  await app.listen({ host, port: options.port ?? 4242 });
  let webhookSecret: string;
  let referralWebhookEndpoint: RunningShop['referralWebhookEndpoint'] = null;
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The shop server has no TCP address.');
    shop.shopUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    webhookSecret = (await registerWebhookEndpoint(stripe, `${shop.shopUrl}/webhooks/stripe`, apiVersion)).secret;
    shop.webhookSecret = webhookSecret;
    if (options.referralSecretKey) {
      const url = `${shop.shopUrl}/webhooks/referral`;
      const registered = await registerReferralWebhookEndpoint({ url: options.referralUrl, secretKey: options.referralSecretKey }, url);
      shop.referralWebhooks.secret = registered.secret;
      referralWebhookEndpoint = { id: registered.id, url };
    }
  } catch (error) {
    await close();
    throw error;
  }

  return { url: shop.shopUrl, adminKey, webhookSecret, referralWebhookEndpoint, close };
}

const ERROR_BODIES: Record<ErrorPageKind, () => ReturnType<typeof errorBody>> = {
  'not-found': () => errorBody('We could not find that page', 'Have a look at the shop instead.'),
  'bad-request': () => errorBody('We could not read that request', 'Please go back and try again.'),
  failure: () => errorBody('Something went wrong on our side', 'Please try again in a moment.'),
};

function buildShopServer(shop: ShopContext): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 256 * 1024 });
  app.register(fastifyCookie);

  // Each registered scope has its own body parsers: raw bytes for webhooks, JSON for the API, forms for pages.
  app.register(async (webhooks) => stripeWebhookRoutes(webhooks, shop));
  app.register(async (webhooks) => referralWebhookRoutes(webhooks, shop));
  app.register(async (api) => ordersApiRoutes(api, shop), { prefix: '/api' });

  app.register(async (pages) => {
    await pages.register(fastifyFormbody);
    storefrontRoutes(pages, shop);
    checkoutRoutes(pages, shop);
    successRoutes(pages, shop);
    subscribeRoutes(pages, shop);
    accountRoutes(pages, shop);
    checkoutCanceledRoutes(pages, shop);
    adminRoutes(pages, shop);
  });

  useMerchantErrorPages(app, {
    logFailure,
    sendError: (reply, status, kind) =>
      sendPage(reply, status, {
        title: kind === 'not-found' ? 'Not found' : 'Something went wrong',
        body: ERROR_BODIES[kind](),
        snippet: shop.snippet,
      }),
  });

  return app;
}
