/**
 * Lantern & Co.: a small merchant app written the way an outside developer writes one (node:http, hand-written
 * HTML, the official Stripe SDK and nothing else). Run it with `node --import tsx sandbox/lantern/server.ts`; see
 * README.md for its settings and routes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { createLanternApp, type LanternApp } from './app';
import {
  checkedPublicUrl,
  DEFAULT_HOST,
  DEFAULT_PORT,
  keyIsLive,
  LanternConfigError,
  lanternOptionsFromEnv,
  type LanternOptions,
} from './config';
import { HttpError, sendHtml, sendJson, toRequest } from './http';
import { methodNotAllowedPage, notFoundPage, providerUnavailablePage, serverErrorPage, unavailablePage } from './pages/errorPages';
import { accountRoutes } from './routes/accountRoutes';
import { clubRoutes } from './routes/clubRoutes';
import { orderApi } from './routes/orderApi';
import { shopRoutes } from './routes/shopRoutes';
import { webhookRoute } from './routes/webhookRoute';
import { Router } from './router';
import { createStripeClient } from './stripeClient';

export type { LanternOptions } from './config';
export { LanternConfigError, lanternOptionsFromEnv } from './config';

export interface RunningLantern {
  /** Where the shop listens, e.g. http://127.0.0.1:4300. */
  url: string;
  /** Closes the server and its keep-alive connections. */
  stop(): Promise<void>;
}

/** Starts the shop; resolves once it listens. Throws LanternConfigError for a missing key or a bad URL. */
export async function startLantern(options: LanternOptions): Promise<RunningLantern> {
  if (!options.stripeSecretKey) throw new LanternConfigError('A Stripe secret key is required (STRIPE_SECRET_KEY).');
  const host = options.host ?? DEFAULT_HOST;
  let publicUrl = options.publicUrl ? checkedPublicUrl(options.publicUrl) : '';
  const log = options.log ?? false;
  const app = createLanternApp({
    stripe: createStripeClient(options.stripeSecretKey, options.stripeApiBase),
    live: keyIsLive(options.stripeSecretKey),
    publicUrl: () => publicUrl,
    webhookSecret: options.webhookSecret,
    adminKey: options.adminKey,
    warn: (line) => process.stderr.write(`lantern: ${line}\n`),
  });
  const router = new Router();
  shopRoutes(router, app);
  clubRoutes(router, app);
  accountRoutes(router, app);
  webhookRoute(router, app);
  orderApi(router, app);

  const server = createServer((incoming, res) => {
    const started = Date.now();
    if (log)
      res.on('finish', () =>
        process.stderr.write(`lantern: ${incoming.method} ${pathOf(incoming)} ${res.statusCode} ${Date.now() - started}ms\n`),
      );
    void handle(app, router, incoming, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl ||= url;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The path without its query (a query may carry a session id; nothing else is logged). */
function pathOf(incoming: IncomingMessage): string {
  return (incoming.url ?? '/').split('?')[0] ?? '/';
}

async function handle(app: LanternApp, router: Router, incoming: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(incoming.url ?? '/', 'http://lantern.invalid');
  } catch {
    return sendHtml(res, 400, unavailablePage('Bad request', 'This address could not be read.'));
  }
  const json = url.pathname.startsWith('/api/') || url.pathname === '/stripe/webhook';
  try {
    const match = router.match(incoming.method ?? 'GET', url.pathname);
    if ('allowed' in match) {
      if (match.allowed.length > 0) {
        const allow = { allow: match.allowed.join(', ') };
        return json ? sendJson(res, 405, { error: 'Method not allowed.' }, allow) : sendHtml(res, 405, methodNotAllowedPage(), allow);
      }
      return json ? sendJson(res, 404, { error: 'Not found.' }) : sendHtml(res, 404, notFoundPage());
    }
    await match.handler(toRequest(incoming, url, match.params), res);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      return json
        ? sendJson(res, error.status, { error: error.message })
        : sendHtml(res, error.status, unavailablePage('Request refused', error.message));
    }
    if (error instanceof Stripe.errors.StripeError) {
      app.warn(
        `${incoming.method} ${url.pathname}: the Stripe API answered ${error.type}${error.code ? ` (${error.code})` : ''}: ${error.message}`,
      );
      return json
        ? sendJson(res, 502, { error: 'The payment provider did not answer as expected.' })
        : sendHtml(res, 502, providerUnavailablePage());
    }
    app.warn(`${incoming.method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
    return json ? sendJson(res, 500, { error: 'Internal error.' }) : sendHtml(res, 500, serverErrorPage());
  }
}

/** `node --import tsx sandbox/lantern/server.ts`: the shop configured from the environment, until Ctrl-C. */
async function main(): Promise<void> {
  let options: LanternOptions;
  try {
    options = lanternOptionsFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof LanternConfigError)) throw error;
    process.stderr.write(`lantern: ${error.message}\n`);
    process.exit(2);
  }
  if (!options.webhookSecret)
    process.stderr.write('lantern: STRIPE_WEBHOOK_SECRET is not set: every webhook is refused (503) until it is.\n');
  if (!options.adminKey) process.stderr.write('lantern: LANTERN_ADMIN_KEY is not set: the order API refuses every request.\n');
  let running: RunningLantern;
  try {
    running = await startLantern(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use: set LANTERN_PORT to another one (0 picks a free port)`
        : (error as Error).message;
    process.stderr.write(`lantern: could not start: ${reason}.\n`);
    process.exit(1);
  }
  process.stdout.write(`Lantern & Co. is open at ${running.url}\n`);
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const runDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) void main();
