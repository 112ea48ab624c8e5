import type { FastifyInstance } from 'fastify';
import { apiErrorBody as apiError, type MerchantApiErrors } from '../../merchant/apiErrors';
import { acceptEmptyJsonBody } from '../../merchant/emptyJsonBody';
import { bearerMatches } from '../../merchant/bearerAuth';
import { logFailure } from '../failureLog';
import { orderJson } from '../orders';
import { refundRest } from '../refunds';
import type { EmbeddedShopContext } from '../shopContext';

/** A 404 keeps its message, another client error is a 400, anything else a 502, logged by kind only. */
export const merchantApiErrors: MerchantApiErrors = {
  answerError(error, reply) {
    if (error.statusCode === 404) return reply.code(404).send(apiError('invalid_request_error', error.message ?? 'Not found.'));
    const clientError = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500;
    if (!clientError) logFailure('merchant API', error);
    return reply
      .code(clientError ? 400 : 502)
      .send(
        apiError(clientError ? 'invalid_request_error' : 'api_error', clientError ? 'The request was not valid.' : 'Something went wrong.'),
      );
  },
  answerNotFound: (request, reply) =>
    reply.code(404).send(apiError('invalid_request_error', `No such route: ${request.method} ${request.url.split('?')[0]}`)),
};

/**
 * The merchant's own API (`Authorization: Bearer <API key>`, under /api): `GET /orders/:id`, and
 * `POST /orders/:id/refund`, which refunds the rest of the order's payment and answers the order (`status`
 * `refunded` once the provider has refunded it all) with the refund it made (null when nothing was left).
 */
export async function merchantApiRoutes(app: FastifyInstance, shop: EmbeddedShopContext): Promise<void> {
  // A refund of the rest needs no body: an empty JSON body is allowed.
  acceptEmptyJsonBody(app);

  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, shop.apiKey)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(apiError('authentication_error', 'Send the shop API key as "Authorization: Bearer <key>".'));
    }
  });
  /** The order the URL names; a 404 answer when the shop has none. */
  const orderIn = (params: { id: string }) => {
    const order = shop.orders.get(params.id);
    if (!order) throw notFound(`No such order: ${params.id}`);
    return order;
  };

  app.get<{ Params: { id: string } }>('/orders/:id', async (request) => orderJson(orderIn(request.params)));

  app.post<{ Params: { id: string } }>('/orders/:id/refund', async (request, reply) => {
    const order = orderIn(request.params);
    const outcome = await refundRest(shop, order);
    if (!outcome.ok) return reply.code(outcome.status).send(apiError('invalid_request_error', outcome.message));
    const refund = outcome.refund && { id: outcome.refund.id, amount: outcome.refund.amount, status: outcome.refund.status };
    return { ...orderJson(order), refund };
  });
}

function notFound(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 404 });
}
