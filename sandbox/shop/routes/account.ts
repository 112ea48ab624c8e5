import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelAtProvider } from '../../merchant/cancelSubscription';
import { logFailure } from '../failureLog';
import { accountBody, signedOutAccountBody, type AccountMessage } from '../pages/account';
import type { ShopContext } from '../shopContext';
import { CUSTOMER_COOKIE } from '../../merchant/subscriptionRecords';
import { formValue } from '../../merchant/formValue';
import { ID_PATTERNS } from '../../merchant/formPatterns';
import { sendPage } from './sendPage';

const SUBSCRIPTION_ID = ID_PATTERNS.subscription;

/**
 * GET /account: the subscriptions of the signed-in customer, with the status from the shop's own record.
 * POST /account/subscriptions/:id/cancel (`when` = now | at_period_end): asks the provider; the page shows
 * the change only once the provider's webhook confirms it.
 */
export function accountRoutes(app: FastifyInstance, shop: ShopContext): void {
  const customersOf = (request: FastifyRequest) => shop.customerSessions.customersOf(request.cookies[CUSTOMER_COOKIE]);
  const accountPage = (reply: FastifyReply, request: FastifyRequest, status: number, message?: AccountMessage) => {
    const customers = customersOf(request);
    if (customers.size === 0) {
      return sendPage(reply, status === 200 ? 200 : 401, { title: 'Your account', body: signedOutAccountBody(), snippet: shop.snippet });
    }
    return sendPage(reply, status, {
      title: 'Your account',
      body: accountBody(shop.subscriptions.forCustomers(customers), message),
      snippet: shop.snippet,
    });
  };

  app.get('/account', async (request, reply) => {
    const requested = formValue(request.query, 'cancel_requested');
    const record = SUBSCRIPTION_ID.test(requested) ? shop.subscriptions.get(requested) : undefined;
    const message =
      record && customersOf(request).has(record.customerId)
        ? { kind: 'notice' as const, text: 'We have asked for the cancellation. This page shows it as soon as it is confirmed.' }
        : undefined;
    return accountPage(reply, request, 200, message);
  });

  app.post<{ Params: { id: string } }>('/account/subscriptions/:id/cancel', async (request, reply) => {
    const customers = customersOf(request);
    if (customers.size === 0) return accountPage(reply, request, 401);
    const record = SUBSCRIPTION_ID.test(request.params.id) ? shop.subscriptions.get(request.params.id) : undefined;
    if (!record || !customers.has(record.customerId)) {
      return accountPage(reply, request, 404, { kind: 'error', text: 'We could not find that subscription on your account.' });
    }
    const when = formValue(request.body, 'when');
    if (when !== 'now' && when !== 'at_period_end') {
      return accountPage(reply, request, 400, { kind: 'error', text: 'Please choose when to cancel.' });
    }
    const canceled = await cancelAtProvider(shop.stripe, record.id, when, { idempotencyPrefix: 'cancel-at-period-end-', logFailure });
    if (!canceled.ok) return accountPage(reply, request, canceled.status, { kind: 'error', text: canceled.message });
    return reply.redirect(`/account?cancel_requested=${encodeURIComponent(record.id)}`, 303);
  });
}
