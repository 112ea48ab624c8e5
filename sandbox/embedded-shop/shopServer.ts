import type { FastifyInstance } from 'fastify';
import type { ErrorPageKind } from '../merchant/errorPages';
import { buildMerchantServer } from '../merchant/merchantServer';
import { logFailure } from './failureLog';
import { errorBody, sendPage, type KissaPage } from './pages/layout';
import { accountRoutes } from './routes/account';
import { checkoutRoutes } from './routes/checkout';
import { completeRoutes } from './routes/complete';
import { merchantApiErrors, merchantApiRoutes } from './routes/merchantApi';
import { storefrontRoutes } from './routes/storefront';
import { stripeWebhookRoutes } from './routes/stripeWebhooks';
import { subscribeRoutes } from './routes/subscribe';
import type { EmbeddedShopContext } from './shopContext';

const ERROR_PAGES: Record<ErrorPageKind, (shop: EmbeddedShopContext) => KissaPage> = {
  'not-found': (shop) => ({
    title: 'Not found',
    body: errorBody('We could not find that page', 'Have a look at the teas instead.'),
    snippet: shop.snippet,
  }),
  'bad-request': (shop) => ({
    title: 'Something went wrong',
    body: errorBody('We could not read that request', 'Please go back and try again.'),
    snippet: shop.snippet,
  }),
  failure: (shop) => ({
    title: 'Something went wrong',
    body: errorBody('Something went wrong on our side', 'Please try again in a moment.'),
    snippet: shop.snippet,
  }),
};

/** Kissa's server: its provider webhook receiver, the merchant API, the storefront, checkout and account pages. */
export function buildEmbeddedShopServer(shop: EmbeddedShopContext): FastifyInstance {
  return buildMerchantServer({
    webhooks: [(scope) => stripeWebhookRoutes(scope, shop)],
    api: { routes: (scope) => merchantApiRoutes(scope, shop), errors: merchantApiErrors },
    pages: [storefrontRoutes, checkoutRoutes, completeRoutes, subscribeRoutes, accountRoutes].map(
      (routes) => (scope: FastifyInstance) => routes(scope, shop),
    ),
    errorPages: { sendError: (reply, status, kind) => sendPage(reply, status, ERROR_PAGES[kind](shop)), logFailure },
  });
}
