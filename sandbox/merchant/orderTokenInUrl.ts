import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formValue } from './formValue';

const ORDER_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An order token as the form pages make them (a random UUID). */
export function isOrderToken(value: string): boolean {
  return ORDER_TOKEN.test(value);
}

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
