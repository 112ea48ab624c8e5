import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_COOKIE } from '../adminAuth';
import { logFailure } from '../failureLog';
import { adminLoginBody } from '../pages/adminLogin';
import { adminOrdersBody, type AdminOrdersMessage } from '../pages/adminOrders';
import { parseRefundAmount, refundOrder } from '../refunds';
import type { ShopContext } from '../shopContext';
import { formValue } from '../../merchant/formValue';
import { sendPage } from './sendPage';

/** The merchant's back office: sign-in with the admin key, the orders list, a Refund button per order. */
export function adminRoutes(app: FastifyInstance, shop: ShopContext): void {
  const signedIn = (request: FastifyRequest) => shop.adminSessions.isSignedIn(request.cookies[ADMIN_COOKIE]);
  const ordersPage = (reply: FastifyReply, status: number, message?: AdminOrdersMessage) =>
    sendPage(reply, status, {
      title: 'Orders',
      area: 'admin',
      body: adminOrdersBody(shop.orders.list(), message, shop.referralWebhooks.ledger.commissions()),
    });

  app.get('/admin', async (_request, reply) => reply.redirect('/admin/orders', 303));

  app.get('/admin/login', async (request, reply) => {
    if (signedIn(request)) return reply.redirect('/admin/orders', 303);
    return sendPage(reply, 200, { title: 'Admin sign-in', area: 'admin', body: adminLoginBody() });
  });

  app.post('/admin/login', async (request, reply) => {
    const sessionId = shop.adminSessions.signIn(formValue(request.body, 'admin_key'));
    if (!sessionId) {
      return sendPage(reply, 401, { title: 'Admin sign-in', area: 'admin', body: adminLoginBody('That admin key is not right.') });
    }
    reply.setCookie(ADMIN_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      maxAge: shop.adminSessions.cookieMaxAgeSeconds,
    });
    return reply.redirect('/admin/orders', 303);
  });

  app.post('/admin/logout', async (request, reply) => {
    shop.adminSessions.signOut(request.cookies[ADMIN_COOKIE]);
    reply.clearCookie(ADMIN_COOKIE, { path: '/' });
    return reply.redirect('/admin/login', 303);
  });

  app.get('/admin/orders', async (request, reply) => {
    if (!signedIn(request)) return reply.redirect('/admin/login', 303);
    const refunded = formValue(request.query, 'refund_requested');
    const message =
      refunded && shop.orders.get(refunded) ? { kind: 'notice' as const, text: `Refund requested for ${refunded}.` } : undefined;
    return ordersPage(reply, 200, message);
  });

  app.post<{ Params: { id: string } }>('/admin/orders/:id/refund', async (request, reply) => {
    if (!signedIn(request)) return reply.redirect('/admin/login', 303);
    const order = shop.orders.get(request.params.id);
    if (!order) return ordersPage(reply, 404, { kind: 'error', text: 'There is no such order.' });
    const amount = parseRefundAmount(formValue(request.body, 'amount'));
    if (amount === 'invalid') return ordersPage(reply, 400, { kind: 'error', text: 'The refund amount must be a whole number of cents.' });
    try {
      const outcome = await refundOrder(shop.stripe, shop.orders, order, amount);
      if (!outcome.ok) return ordersPage(reply, outcome.status, { kind: 'error', text: outcome.message });
    } catch (error) {
      logFailure(`refund of ${order.id}`, error);
      return ordersPage(reply, 502, { kind: 'error', text: 'The payment provider did not accept the refund. Please try again.' });
    }
    return reply.redirect(`/admin/orders?refund_requested=${encodeURIComponent(order.id)}`, 303);
  });
}
