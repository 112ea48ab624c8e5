import type { FastifyReply } from 'fastify';
import { renderPage, type PageOptions } from '../pages/layout';

export function sendPage(reply: FastifyReply, statusCode: number, page: PageOptions): FastifyReply {
  return reply.code(statusCode).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(page));
}
