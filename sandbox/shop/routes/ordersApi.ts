import type { FastifyInstance } from 'fastify';
import { apiErrorBody as apiError, type MerchantApiErrors } from '../../merchant/apiErrors';
import { acceptEmptyJsonBody } from '../../merchant/emptyJsonBody';
import { bearerMatches } from '../../merchant/bearerAuth';
import { logFailure } from '../failureLog';
import { orderJson } from '../orders';
import { parseRefundAmount, refundOrder } from '../refunds';
import type { ShopContext } from '../shopContext';

/** A client error keeps its 4xx status; anything else is a 500, logged by kind only. */
export const ordersApiErrors: MerchantApiErrors = {
  answerError(error, reply) {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logFailure('orders API', error);
    return reply
      .code(status)
      .send(
        apiError(
          status === 500 ? 'api_error' : 'invalid_request_error',
          status === 500 ? 'Something went wrong.' : 'The request was not valid.',
        ),
      );
  },
  answerNotFound: (_request, reply) => reply.code(404).send(apiError('invalid_request_error', 'No such route.')),
};

/** JSON API for the back office: `Authorization: Bearer <adminKey>`. */
export async function ordersApiRoutes(app: FastifyInstance, shop: ShopContext): Promise<void> {
  // An empty body is allowed on POST (a refund of the rest needs no parameters).
  acceptEmptyJsonBody(app);

  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, shop.adminKey)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(apiError('authentication_error', 'Send the shop admin key as "Authorization: Bearer <key>".'));
    }
  });

  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const order = shop.orders.get(request.params.id);
    if (!order) return reply.code(404).send(apiError('invalid_request_error', `No such order: ${request.params.id}`));
    return orderJson(order);
  });

  /** What the shop's referral webhook endpoint received: each message once, and each partner commission's latest state. */
  app.get('/referral-ledger', async () => ({
    messages: shop.referralWebhooks.ledger.messages(),
    commissions: shop.referralWebhooks.ledger.commissions(),
  }));

  app.post<{ Params: { id: string } }>('/orders/:id/refund', async (request, reply) => {
    const order = shop.orders.get(request.params.id);
    if (!order) return reply.code(404).send(apiError('invalid_request_error', `No such order: ${request.params.id}`));
    const amount = parseRefundAmount((request.body as { amount?: unknown } | undefined)?.amount);
    if (amount === 'invalid') return reply.code(400).send(apiError('invalid_request_error', 'amount must be a whole number of cents.'));
    try {
      const outcome = await refundOrder(shop.stripe, shop.orders, order, amount);
      if (!outcome.ok) return reply.code(outcome.status).send(apiError('invalid_request_error', outcome.message));
      const { refund } = outcome;
      return { order: orderJson(order), refund: { id: refund.id, amount: refund.amount, status: refund.status } };
    } catch (error) {
      logFailure(`refund of ${order.id}`, error);
      return reply.code(502).send(apiError('api_error', 'The payment provider did not accept the refund.'));
    }
  });
}
