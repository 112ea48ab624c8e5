import type { FastifyInstance } from 'fastify';
import { productBySlug } from '../catalogue';
import { landingBody } from '../pages/landing';
import { productBody } from '../pages/product';
import { errorBody } from '../pages/errorPage';
import { secretKeyInPage } from '../pages/shopConfig';
import type { ShopContext } from '../shopContext';
import { formValue } from '../../merchant/formValue';
import { productPageRoute } from '../../merchant/productPageRoute';
import { sendPage } from './sendPage';

/** The landing page and the product pages (see productPageRoute). */
export function storefrontRoutes(app: FastifyInstance, shop: ShopContext): void {
  app.get('/', async (_request, reply) =>
    sendPage(reply, 200, { title: 'Welcome', body: landingBody(shop.products), snippet: shop.snippet }),
  );

  productPageRoute(app, {
    find: (slug) => productBySlug(shop.products, slug),
    notFound: (reply) =>
      sendPage(reply, 404, {
        title: 'Not found',
        body: errorBody('We could not find that product', 'It may have sold out. Have a look at the rest of the shop.'),
        snippet: shop.snippet,
      }),
    page: (reply, product, orderToken, request) =>
      sendPage(reply, 200, {
        title: product.name,
        body: productBody(product, {
          orderToken,
          canceled: formValue(request.query, 'canceled') === '1',
          secretKeyInPage: secretKeyInPage(shop),
        }),
        snippet: shop.snippet,
      }),
  });
}
