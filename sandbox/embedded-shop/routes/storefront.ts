import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { productPageRoute } from '../../merchant/productPageRoute';
import { errorBody, sendPage } from '../pages/layout';
import { landingBody, productBody } from '../pages/storefront';
import type { EmbeddedShopContext } from '../shopContext';

const CHECKOUT_SCRIPT = readFileSync(new URL('../assets/checkout.js', import.meta.url), 'utf8');

/** The landing page, the product pages (the order token lives in the URL) and the checkout page's script. */
export function storefrontRoutes(app: FastifyInstance, shop: EmbeddedShopContext): void {
  app.get('/', async (_request, reply) =>
    sendPage(reply, 200, { title: 'Welcome', body: landingBody(shop.products, shop.plan), snippet: shop.snippet }),
  );

  productPageRoute(app, {
    find: (slug) => shop.products.find((item) => item.slug === slug),
    notFound: (reply) =>
      sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that tea', 'It may be out of season. Have a look at the rest of the shop.'),
        snippet: shop.snippet,
      }),
    page: (reply, product, orderToken) =>
      sendPage(reply, 200, { title: product.name, body: productBody(product, { orderToken }), snippet: shop.snippet }),
  });

  app.get('/assets/checkout.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CHECKOUT_SCRIPT),
  );
}
