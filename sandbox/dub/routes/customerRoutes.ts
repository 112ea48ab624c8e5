import type { FastifyInstance } from 'fastify';
import type { DubContext, Query } from '../context';
import { pageOf } from '../listing';
import { apiCustomer } from '../representations';

/** GET /customers: by `email`, `externalId`, `customerIds` (comma list), paged (https://dub.co/docs/api-reference/customers/list). */
export function registerCustomerRoutes(app: FastifyInstance, context: DubContext): void {
  app.get('/customers', { preHandler: context.guards.requireApiKey }, async (request) => {
    const query = request.query as Query;
    const ids = query.customerIds?.split(',');
    const customers = [...context.store.customers.values()]
      .filter(
        (customer) =>
          (query.email === undefined || customer.email === query.email) &&
          (query.externalId === undefined || customer.externalId === query.externalId) &&
          (ids === undefined || ids.includes(customer.id)),
      )
      .reverse();
    return pageOf(customers, query).map(apiCustomer);
  });
}
