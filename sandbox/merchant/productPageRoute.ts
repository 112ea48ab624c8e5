import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogueItem } from './catalogueItem';
import { orderTokenInUrl } from './orderTokenInUrl';

/** How a shop shows a product page, and its page for a product it does not sell. */
export interface ProductPages {
  find(slug: string): CatalogueItem | undefined;
  notFound(reply: FastifyReply): FastifyReply;
  page(reply: FastifyReply, product: CatalogueItem, orderToken: string, request: FastifyRequest): FastifyReply;
}

/**
 * GET /products/:slug: the page of a product the shop sells, with its Buy form's order token in the page's URL (a
 * first visit is redirected to a URL with a new one, see orderTokenInUrl); any other slug is the not-found page.
 */
export function productPageRoute(app: FastifyInstance, pages: ProductPages): void {
  app.get<{ Params: { slug: string } }>('/products/:slug', async (request, reply) => {
    const product = pages.find(request.params.slug);
    if (!product) return pages.notFound(reply);
    const orderToken = orderTokenInUrl(request, reply);
    if (!orderToken) return reply;
    return pages.page(reply, product, orderToken, request);
  });
}
