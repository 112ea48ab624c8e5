import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** Where Dub's CDN serves the script (https://www.dubcdn.com/analytics/script.js), on the emulation's own origin. */
export const SCRIPT_PATH = '/analytics/script.js';

/** GET /analytics/script.js: the analytics script, read once at start-up. */
export function registerScriptRoute(app: FastifyInstance): void {
  const source = readFileSync(new URL('../analytics-script.js', import.meta.url), 'utf8');
  app.get(SCRIPT_PATH, async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache');
    return source;
  });
}
