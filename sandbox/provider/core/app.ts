import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import qs from 'qs';
import Stripe from 'stripe';
import { requestApiVersion } from './apiVersion';
import { renderInVersion } from '../versions/render';
import { authenticate, checkClientSecret } from './auth';
import { ProviderApiError, invalidRequest, testHelpersInLiveMode, unknownParam, unrecognizedUrl } from './errors';
import { answerWithInjectedFault } from '../faultInjection/injectedApiFault';
import { checkExpandDepth, expand, type ExpandSources } from './expand';
import { fingerprintOf, IdempotencyKeys } from './idempotency';
import { newId } from './ids';
import { optionalStringArray, type Params } from './params';
import type { Endpoint, ProviderServices, Resource } from './services';

/** The newest API version, the stored objects' shape: the installed SDK's. */
const NEWEST_API_VERSION = Stripe.API_VERSION;

/** Stripe's bracketed encoding: `expand[]=a`, `metadata[k]=v`, `line_items[0][price]=…`. */
export const QS_OPTIONS: qs.IParseOptions = { depth: 10, arrayLimit: 1000, parameterLimit: 10_000, allowPrototypes: false };

declare module 'fastify' {
  interface FastifyRequest {
    stripeRequestId: string;
    apiKey: string;
    /** The API version the request is answered in (its `Stripe-Version`, else the account default); '' off `/v1`. */
    stripeApiVersion: string;
  }
  interface FastifyContextConfig {
    /** The endpoint's `publishableKeyWithClientSecret` (see services.ts). */
    publishableKeyWithClientSecret?: string;
  }
}

export interface AppKeys {
  secretKey: string;
  publishableKey: string;
}

/** The Fastify app: parsing, auth, request ids, idempotency, expand and Stripe's error shape, shared by every resource. */
export function buildApp(services: ProviderServices, keys: AppKeys, resources: Resource[]): FastifyInstance {
  const app = Fastify({
    logger: false,
    routerOptions: { querystringParser: (text: string) => qs.parse(text, QS_OPTIONS) as Record<string, unknown> },
  });
  const idempotency = new IdempotencyKeys();
  const expandSources = expandSourcesFor(services, resources);
  const isBrowserRoute = browserRouteMatcher(resources);

  // Stripe.js calls the API from the merchant's page: only the publishable-key routes answer cross-origin.
  app.register(cors, {
    delegator: (request, callback) => {
      if (!isBrowserRoute(request.url ?? '')) return callback(null, { origin: false });
      callback(null, {
        origin: '*',
        methods: ['GET', 'POST'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Stripe-Version'],
        maxAge: 300,
      });
    },
  });

  app.decorateRequest('stripeRequestId', '');
  app.decorateRequest('apiKey', '');
  app.decorateRequest('stripeApiVersion', '');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, qs.parse(body as string, QS_OPTIONS));
  });

  app.addHook('onRequest', async (request, reply) => {
    request.stripeRequestId = newId('req');
    // The defect provider.no-request-id: nothing for the integration to log when it asks support about a call.
    if (!services.faults.has('provider.no-request-id')) reply.header('Request-Id', request.stripeRequestId);
    const path = request.url.split('?')[0] ?? '';
    if (isBrowserRoute(request.url)) {
      if (request.method === 'OPTIONS') return; // a CORS preflight carries no key
      reply.header('Access-Control-Allow-Origin', '*'); // so a browser can read an authentication error too
    }
    if ((path.startsWith('/v1/') || path.startsWith('/_sandbox/')) && path !== '/_sandbox/health') {
      request.apiKey = authenticate(
        request.headers.authorization,
        keys,
        request.routeOptions.config?.publishableKeyWithClientSecret !== undefined,
      );
    }
    // The version every /v1 answer is rendered in, echoed as Stripe does (stripe-node reads it as lastResponse.apiVersion).
    // Unsure whether Stripe checks the key or the version first; here a bad key answers 401 before a bad version's 400.
    if (path.startsWith('/v1/')) {
      request.stripeApiVersion = requestApiVersion(headerText(request.headers['stripe-version']), services.events.accountApiVersion());
      reply.header('Stripe-Version', request.stripeApiVersion);
    }
    if (services.store.livemode && path.startsWith('/v1/test_helpers/')) throw testHelpersInLiveMode();
  });

  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/') || request.method === 'OPTIONS') return;
    services.requests.record({
      id: request.stripeRequestId,
      method: request.method,
      path,
      idempotency_key: request.method === 'POST' ? (headerText(request.headers['idempotency-key']) ?? null) : null,
      idempotent_replayed: reply.getHeader('idempotent-replayed') === 'true',
      status: reply.statusCode,
    });
  });

  for (const resource of resources) {
    for (const endpoint of resource.endpoints) {
      app.route({
        method: endpoint.method,
        url: endpoint.path,
        config: { publishableKeyWithClientSecret: endpoint.publishableKeyWithClientSecret },
        handler: (request, reply) =>
          handleApiCall(endpoint, request, reply, services, idempotency, expandSources, request.apiKey === keys.publishableKey),
      });
    }
  }

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, unrecognizedUrl(request.method, request.url.split('?')[0] ?? request.url));
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ProviderApiError) return sendError(reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) return sendError(reply, invalidRequest((error as Error).message));
    console.error(`[provider] unexpected error: ${(error as Error).message}`);
    return sendError(
      reply,
      new ProviderApiError(500, { type: 'api_error', message: 'An unknown error occurred in the sandbox provider.' }),
    );
  });
  return app;
}

function expandSourcesFor(services: ProviderServices, resources: Resource[]): ExpandSources {
  const expandable: ExpandSources['expandable'] = {};
  for (const resource of resources) {
    for (const [key, compute] of Object.entries(resource.expandable ?? {})) expandable[key] = (owner) => compute(owner, services);
  }
  return { findById: (id) => services.store.find(id), expandable };
}

async function handleApiCall(
  endpoint: Endpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  services: ProviderServices,
  idempotency: IdempotencyKeys,
  expandSources: ExpandSources,
  publishableKey: boolean,
): Promise<void> {
  const params = ((endpoint.method === 'POST' ? request.body : request.query) ?? {}) as Params;
  const idempotencyKey = endpoint.method === 'POST' ? headerText(request.headers['idempotency-key']) : undefined;
  // An injected fault answers before anything runs (so nothing is saved for the key); never on a replay or a sandbox route.
  const replay = idempotencyKey !== undefined && idempotency.isSaved(request.apiKey, idempotencyKey);
  if (!replay && endpoint.path.startsWith('/v1/')) {
    const fault = services.injection.apiFaultFor({
      method: endpoint.method,
      path: endpoint.path,
      clientUserAgent: headerText(request.headers['x-stripe-client-user-agent']),
    });
    if (fault) return answerWithInjectedFault(fault, request, reply, services.injection);
  }
  // Off `/v1` (sandbox-only routes) there is no API version: the newest shape.
  const version = request.stripeApiVersion || NEWEST_API_VERSION;
  const run = (): { status: number; body: string; save: boolean } => {
    // Once the handler has returned, state has changed: whatever the answer, it is saved for the key.
    let executed = false;
    try {
      for (const name of Object.keys(params)) {
        if (name !== 'expand' && !endpoint.params.includes(name)) throw unknownParam(name);
      }
      if (publishableKey && endpoint.publishableKeyWithClientSecret) {
        checkClientSecret(
          endpoint.publishableKeyWithClientSecret,
          (request.params as Record<string, string>).id ?? '',
          params,
          services.store,
        );
      }
      const expandPaths = optionalStringArray(params, 'expand') ?? [];
      checkExpandDepth(expandPaths);
      const result = endpoint.handle({
        params,
        path: request.params as Record<string, string>,
        request: { id: request.stripeRequestId, idempotency_key: idempotencyKey ?? null },
        services,
        publishableKey,
        apiVersion: version,
      });
      executed = true;
      // In the request's API version: the answer first, then each object `expand[]` brings in (versions/render.ts).
      const rendered = renderInVersion(result, version, services.store);
      const expanded = expand(rendered, expandPaths, inVersion(expandSources, version, services));
      return { status: 200, body: JSON.stringify(expanded, null, 2), save: true };
    } catch (err) {
      if (err instanceof ProviderApiError)
        return { status: err.status, body: errorBody(inVersionError(err, version, services)), save: executed || !err.isValidationFailure };
      console.error(`[provider] unexpected error in ${endpoint.method} ${endpoint.path}: ${(err as Error).message}`);
      const failure = new ProviderApiError(500, { type: 'api_error', message: 'An unknown error occurred in the sandbox provider.' });
      return { status: 500, body: errorBody(failure), save: true };
    }
  };

  reply.type('application/json');
  if (!idempotencyKey) {
    const { status, body } = run();
    reply.code(status).send(body);
    return;
  }
  const route = `${endpoint.method} ${request.url.split('?')[0]}`;
  const fingerprint = fingerprintOf(params);
  const lookup = idempotency.begin(request.apiKey, idempotencyKey, route, fingerprint);
  reply.header('Idempotency-Key', idempotencyKey);
  if (lookup.kind === 'replay') {
    reply.header('Idempotent-Replayed', 'true').header('Original-Request', lookup.saved.requestId);
    reply.code(lookup.saved.status).send(lookup.saved.body);
    return;
  }
  const { status, body, save } = run();
  idempotency.finish(
    request.apiKey,
    idempotencyKey,
    route,
    fingerprint,
    save ? { status, body, requestId: request.stripeRequestId } : undefined,
  );
  reply.code(status).send(body);
}

/** Whether a URL is one of the routes open to the publishable key (`/v1/payment_intents/:id`, …). */
function browserRouteMatcher(resources: Resource[]): (url: string) => boolean {
  const patterns = resources
    .flatMap((resource) => resource.endpoints)
    .filter((endpoint) => endpoint.publishableKeyWithClientSecret !== undefined)
    .map((endpoint) => new RegExp(`^${endpoint.path.replace(/:[^/]+/g, '[^/]+')}$`));
  return (url) => {
    const path = url.split('?')[0] ?? '';
    return patterns.some((pattern) => pattern.test(path));
  };
}

/** Expand sources whose objects are rendered in `version`, as the answer around them is. */
function inVersion(sources: ExpandSources, version: string, services: ProviderServices): ExpandSources {
  const expandable: ExpandSources['expandable'] = {};
  for (const [key, compute] of Object.entries(sources.expandable))
    expandable[key] = (owner) => renderInVersion(compute(owner), version, services.store);
  return {
    findById: (id) => {
      const found = sources.findById(id);
      return found === undefined ? undefined : renderInVersion(found, version, services.store);
    },
    expandable,
  };
}

/** A decline's PaymentIntent shown in the request's version, as the rest of the answer would be. */
function inVersionError(error: ProviderApiError, version: string, services: ProviderServices): ProviderApiError {
  if (!error.body.payment_intent) return error;
  return new ProviderApiError(error.status, {
    ...error.body,
    payment_intent: renderInVersion(error.body.payment_intent, version, services.store),
  });
}

function errorBody(error: ProviderApiError): string {
  return JSON.stringify({ error: error.body }, null, 2);
}

function sendError(reply: FastifyReply, error: ProviderApiError): void {
  reply.code(error.status).type('application/json').send(errorBody(error));
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
