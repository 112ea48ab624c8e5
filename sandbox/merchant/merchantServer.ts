import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { MerchantApiErrors } from './apiErrors';
import { useMerchantErrorPages, type MerchantErrorPages } from './errorPages';

type Routes = (scope: FastifyInstance) => void | Promise<void>;

/** What a sandbox merchant's server is made of; each part is registered in its own scope, with its own body parsers. */
export interface MerchantServerParts {
  /** Webhook receivers: each keeps the raw body, because a signature covers the exact bytes. */
  webhooks: Routes[];
  /** The merchant's JSON API, under /api (its own JSON parser), and how it answers errors and unknown routes. */
  api: { routes: Routes; errors: MerchantApiErrors };
  /** The HTML pages, with form bodies parsed. */
  pages: Routes[];
  /** The server-wide error and not-found pages. */
  errorPages: MerchantErrorPages;
}

/** A sandbox merchant's Fastify app, ready to listen: cookies, the parts' scopes, one error handler for the app. */
export function buildMerchantServer(parts: MerchantServerParts): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 256 * 1024 });
  app.register(fastifyCookie);
  for (const routes of parts.webhooks) app.register(async (scope) => routes(scope));
  app.register(
    async (scope) => {
      await parts.api.routes(scope);
      // In the API's scope, so an unknown API route still passes the API's own hooks (its key check) first.
      scope.setNotFoundHandler(async (request, reply) => parts.api.errors.answerNotFound(request, reply));
    },
    { prefix: '/api' },
  );
  app.register(async (scope) => {
    await scope.register(fastifyFormbody);
    for (const routes of parts.pages) await routes(scope);
  });
  useMerchantErrorPages(app, parts.errorPages, parts.api.errors);
  return app;
}

/**
 * Listens on the loopback host and returns the merchant's base URL (`http://127.0.0.1:<port>`, IPv6 in brackets);
 * `name` names the merchant in the error when the server has no TCP address.
 */
export async function listenMerchant(app: FastifyInstance, name: string, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (!address || typeof address === 'string') {
    await app.close();
    throw new Error(`The ${name} server has no TCP address.`);
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
