import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** GET /snippet.js: the tracking snippet, read once at start-up. */
export function registerSnippetRoute(app: FastifyInstance): void {
  const source = readFileSync(new URL('../tracking-snippet.js', import.meta.url), 'utf8');
  app.get('/snippet.js', async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache');
    return source;
  });
}
