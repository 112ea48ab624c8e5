import type { FastifyReply, FastifyRequest } from 'fastify';
import { CUSTOMER_COOKIE_MAX_AGE_SECONDS, type CustomerSessions } from './subscriptionRecords';

/**
 * Lets the browser see the customer's subscriptions on the account page: adds the customer to the browser's session
 * (or opens one) and sets the httpOnly session cookie when its id is new. A reload changes nothing.
 */
export function grantCustomerSession(
  sessions: CustomerSessions,
  cookieName: string,
  customerId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const current = request.cookies[cookieName];
  const granted = sessions.grant(current, customerId);
  if (granted === current) return;
  const cookie = { httpOnly: true, sameSite: 'lax', path: '/', maxAge: CUSTOMER_COOKIE_MAX_AGE_SECONDS } as const;
  reply.setCookie(cookieName, granted, cookie);
}
