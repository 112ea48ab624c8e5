import type { FastifyInstance } from 'fastify';
import type { ErrorPageKind } from '../merchant/errorPages';
import { buildMerchantServer } from '../merchant/merchantServer';
import { logFailure } from './failureLog';
import { errorBody } from './pages/errorPage';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { checkoutCanceledRoutes } from './routes/checkoutCanceled';
import { checkoutRoutes } from './routes/checkout';
import { ordersApiErrors, ordersApiRoutes } from './routes/ordersApi';
import { referralWebhookRoutes } from './routes/referralWebhooks';
import { sendPage } from './routes/sendPage';
import { storefrontRoutes } from './routes/storefront';
import { stripeWebhookRoutes } from './routes/stripeWebhooks';
import { subscribeRoutes } from './routes/subscribe';
import { successRoutes } from './routes/success';
import type { ShopContext } from './shopContext';

const ERROR_BODIES: Record<ErrorPageKind, () => ReturnType<typeof errorBody>> = {
  'not-found': () => errorBody('We could not find that page', 'Have a look at the shop instead.'),
  'bad-request': () => errorBody('We could not read that request', 'Please go back and try again.'),
  failure: () => errorBody('Something went wrong on our side', 'Please try again in a moment.'),
};

const PAGE_ROUTES: readonly ((app: FastifyInstance, shop: ShopContext) => void)[] = [
  storefrontRoutes,
  checkoutRoutes,
  successRoutes,
  subscribeRoutes,
  accountRoutes,
  checkoutCanceledRoutes,
  adminRoutes,
];

/** The demo shop's server: its two webhook receivers, the back office's JSON API, the storefront and admin pages. */
export function buildShopServer(shop: ShopContext): FastifyInstance {
  return buildMerchantServer({
    webhooks: [(scope) => stripeWebhookRoutes(scope, shop), (scope) => referralWebhookRoutes(scope, shop)],
    api: { routes: (scope) => ordersApiRoutes(scope, shop), errors: ordersApiErrors },
    pages: PAGE_ROUTES.map((routes) => (scope: FastifyInstance) => routes(scope, shop)),
    errorPages: {
      logFailure,
      sendError: (reply, status, kind) =>
        sendPage(reply, status, {
          title: kind === 'not-found' ? 'Not found' : 'Something went wrong',
          body: ERROR_BODIES[kind](),
          snippet: shop.snippet,
        }),
    },
  });
}
