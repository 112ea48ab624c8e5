import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isOrderToken } from './formPatterns';
import { formValue } from './formValue';

/**
 * The order token a Buy/Subscribe form carries, kept in the page's URL (`?order=<token>`): a fresh visit is
 * redirected to a URL with a new token, and Back from the payment page returns to the same URL, so a resubmit
 * finds the same order whatever the browser's cache does. Returns undefined when it has answered with the redirect.
 */
export function orderTokenInUrl(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const token = formValue(request.query, 'order');
  if (isOrderToken(token)) return token;
  const url = new URL(request.url, 'http://shop.invalid');
  url.searchParams.set('order', randomUUID());
  void reply.redirect(`${url.pathname}${url.search}`, 303);
  return undefined;
}
