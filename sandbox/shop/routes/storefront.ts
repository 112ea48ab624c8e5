import type { FastifyInstance } from 'fastify';
import { productBySlug } from '../catalogue';
import { landingBody } from '../pages/landing';
import { productBody } from '../pages/product';
import { errorBody } from '../pages/errorPage';
import { secretKeyInPage } from '../pages/shopConfig';
import type { ShopContext } from '../shopContext';
import { formValue } from './formValue';
import { orderTokenInUrl } from './orderTokenInUrl';
import { sendPage } from './sendPage';

/** The landing page and the product pages (a product page's order token lives in the URL: see orderTokenInUrl). */
export function storefrontRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.get('/', async (_request, reply) =>
    sendPage(reply, 200, { title: 'Welcome', body: landingBody(shop.products), snippet: shop.snippet }),
  );

  app.get<{ Params: { slug: string } }>('/products/:slug', async (request, reply) => {
    const product = productBySlug(shop.products, request.params.slug);
    if (!product) {
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
      title: product.name,
      body: productBody(product, { orderToken, canceled, secretKeyInPage: secretKeyInPage(shop) }),
      snippet: shop.snippet,
    });
  });
}
