import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelAtProvider } from '../../merchant/cancelSubscription';
import { formValue } from '../../merchant/formValue';
import { ID_PATTERNS } from '../../merchant/formPatterns';
import { logFailure } from '../failureLog';
import { accountBody, signedOutAccountBody, type AccountNotice } from '../pages/account';
import { sendPage } from '../pages/layout';
import type { EmbeddedShopContext } from '../shopContext';
import { KISSA_CUSTOMER_COOKIE } from '../customerCookie';

const SUBSCRIPTION_ID = ID_PATTERNS.subscription;

/**
 * GET /account: the signed-in customer's subscriptions, their status from the shop's own record (kept by the
 * provider's webhooks). POST /account/subscriptions/:id/cancel (`when` = now | at_period_end) asks the provider;
 * the page shows the change once the provider's webhook confirms it.
 */
export function accountRoutes(app: FastifyInstance, shop: EmbeddedShopContext): void {
  const customersOf = (request: FastifyRequest) => shop.customerSessions.customersOf(request.cookies[KISSA_CUSTOMER_COOKIE]);
  const page = (request: FastifyRequest, reply: FastifyReply, status: number, notice?: AccountNotice) => {
    const customers = customersOf(request);
    const body = customers.size === 0 ? signedOutAccountBody() : accountBody(shop.subscriptions.forCustomers(customers), notice);
    return sendPage(reply, customers.size === 0 && status !== 200 ? 401 : status, { title: 'Your account', body, snippet: shop.snippet });
  };

  app.get('/account', async (request, reply) => {
    const asked = formValue(request.query, 'cancel_requested');
    const record = SUBSCRIPTION_ID.test(asked) ? shop.subscriptions.get(asked) : undefined;
    const notice: AccountNotice | undefined =
      record && customersOf(request).has(record.customerId)
        ? { kind: 'note', text: 'We have asked for the cancellation. This page shows it as soon as it is confirmed.' }
        : undefined;
    return page(request, reply, 200, notice);
  });

  app.post<{ Params: { id: string } }>('/account/subscriptions/:id/cancel', async (request, reply) => {
    const customers = customersOf(request);
    if (customers.size === 0) return page(request, reply, 401);
    const record = SUBSCRIPTION_ID.test(request.params.id) ? shop.subscriptions.get(request.params.id) : undefined;
    if (!record || !customers.has(record.customerId))
      return page(request, reply, 404, { kind: 'alert', text: 'We could not find that subscription on your account.' });
    const when = formValue(request.body, 'when');
    if (when !== 'now' && when !== 'at_period_end')
      return page(request, reply, 400, { kind: 'alert', text: 'Please choose when to cancel.' });
    const canceled = await cancelAtProvider(shop.stripe, record.id, when, { idempotencyPrefix: 'kissa-cancel-at-period-end-', logFailure });
    if (!canceled.ok) return page(request, reply, canceled.status, { kind: 'alert', text: canceled.message });
    return reply.redirect(`/account?cancel_requested=${encodeURIComponent(record.id)}`, 303);
  });
}
