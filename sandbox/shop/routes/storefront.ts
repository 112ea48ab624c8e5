import type { FastifyInstance } from 'fastify';
import { landingBody } from '../pages/landing';
import { productBody } from '../pages/product';
import { errorBody } from '../pages/errorPage';
import type { ShopContext } from '../shopContext';
import { formValue } from './formValue';
import { orderTokenInUrl } from './orderTokenInUrl';
import { sendPage } from './sendPage';

/** The landing page and the product page (its order token lives in the URL: see orderTokenInUrl). */
export function storefrontRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.get('/', async (_request, reply) =>
    sendPage(reply, 200, { title: 'Welcome', body: landingBody(shop.product), snippet: shop.snippet }),
  );

  app.get<{ Params: { slug: string } }>('/products/:slug', async (request, reply) => {
    if (request.params.slug !== shop.product.slug) {
      return sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that product', 'It may have sold out. Have a look at the rest of the shop.'),
        snippet: shop.snippet,
      });
    }
    const orderToken = orderTokenInUrl(request, reply);
    if (!orderToken) return reply;
    const canceled = formValue(request.query, 'canceled') === '1';
    return sendPage(reply, 200, {
      title: shop.product.name,
      body: productBody(shop.product, { orderToken, canceled }),
      snippet: shop.snippet,
    });
  });
}
