import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ParsedQuery, ReferralContext } from '../context';
import type { ReferralMetadata, ReferralPing, ReferralWebhookEndpoint } from '../../../contracts/referral';
import { REFERRAL_EVENT_TYPES } from '../../../contracts/referral';
import { ApiError, invalidParam, missingResource } from '../apiError';
import { listPage } from '../listQuery';
import { newId, unixNow } from '../ids';
import { isLoopbackUrl } from '../../loopback';

interface EndpointBody {
  url?: unknown;
  enabled_events?: unknown;
  metadata?: unknown;
}

/** qs turns `enabled_events[0]=a` into an array but `enabled_events[1]=a` alone into an object: accept both. */
function asStringList(value: unknown): string[] | null {
  const items = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.values(value)
      : typeof value === 'string'
        ? [value]
        : null;
  if (!items || !items.every((item): item is string => typeof item === 'string')) return null;
  return items;
}

function asMetadata(value: unknown): ReferralMetadata | null {
  if (value === undefined || value === '') return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => typeof v === 'string')) return null;
  return Object.fromEntries(entries) as ReferralMetadata;
}

function withoutSecret(endpoint: ReferralWebhookEndpoint): ReferralWebhookEndpoint {
  const { secret: _secret, ...visible } = endpoint;
  return visible;
}

/** Outgoing webhook endpoints (Standard Webhooks secrets) and the delivery log of every attempt. */
export function registerWebhookEndpointRoutes(app: FastifyInstance, { store, sender, guards }: ReferralContext): void {
  const secret = { preHandler: guards.requireSecretKey };

  app.post<{ Body: EndpointBody | undefined }>('/v1/webhook_endpoints', secret, async (request) => {
    const body = request.body ?? {};
    if (typeof body.url !== 'string' || body.url === '') {
      throw invalidParam('url', 'Missing required param: url.', 'parameter_missing');
    }
    if (!isLoopbackUrl(body.url)) {
      throw invalidParam(
        'url',
        'Invalid url: the sandbox only delivers to loopback http(s) URLs (127.0.0.1, localhost, [::1]).',
        'url_invalid',
      );
    }
    const events = asStringList(body.enabled_events);
    if (!events || events.length === 0) {
      throw invalidParam('enabled_events', 'Missing required param: enabled_events (a list of event types, or "*").', 'parameter_missing');
    }
    const unknown = events.filter((e) => e !== '*' && !(REFERRAL_EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length > 0) {
      throw invalidParam('enabled_events', `Unknown event type(s): ${unknown.join(', ')}. Known: *, ${REFERRAL_EVENT_TYPES.join(', ')}.`);
    }
    const metadata = asMetadata(body.metadata);
    if (!metadata) throw invalidParam('metadata', 'Invalid metadata: expected an object of string values.');

    const endpoint = {
      id: newId('rwe'),
      object: 'webhook_endpoint' as const,
      url: body.url,
      enabled_events: [...new Set(events)],
      status: 'enabled' as const,
      metadata,
      created: unixNow(),
      secret: `whsec_${randomBytes(24).toString('base64')}`,
    };
    store.endpoints.set(endpoint.id, endpoint);
    return { ...endpoint };
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/webhook_endpoints', secret, async (request) => {
    const page = listPage(store.endpoints.values(), request.query, {
      url: '/v1/webhook_endpoints',
      filters: { status: (endpoint, value) => endpoint.status === value },
    });
    return { ...page, data: page.data.map(withoutSecret) };
  });

  app.get<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', secret, async (request) => {
    const endpoint = store.endpoints.get(request.params.id);
    if (!endpoint) throw missingResource('webhook_endpoint', request.params.id);
    return withoutSecret(endpoint);
  });

  /*
   * A connectivity test, as webhook senders offer one (checked: Laravel Cloud's "send test webhook delivery" sends a
   * `ping` at once and never retries it; PostSyncer's test sends one event to that endpoint only and is read back from
   * its deliveries list; Svix's send-example answers with the message). The message's shape and this route are the
   * sandbox's own: `{ id, type: 'ping', timestamp, data: { endpoint } }`, one attempt, `trigger: 'ping'` in the log.
   * Idempotency-Key replays the first answer without sending again (idempotentPosts.ts, as on every /v1 POST).
   */
  app.post<{ Params: { id: string } }>('/v1/webhook_endpoints/:id/ping', secret, async (request): Promise<ReferralPing> => {
    const endpoint = store.endpoints.get(request.params.id);
    if (!endpoint) throw missingResource('webhook_endpoint', request.params.id);
    if (endpoint.status !== 'enabled') {
      throw new ApiError(
        400,
        'invalid_request_error',
        'endpoint_disabled',
        `The webhook endpoint '${endpoint.id}' is disabled (it answered 410 Gone): nothing can be sent to it; register the URL again to receive webhooks.`,
        'id',
      );
    }
    const message = sender.ping(endpoint.id);
    return { id: message.id, object: 'message', type: 'ping', endpoint: endpoint.id };
  });

  app.delete<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', secret, async (request) => {
    if (!store.endpoints.delete(request.params.id)) throw missingResource('webhook_endpoint', request.params.id);
    return { id: request.params.id, object: 'webhook_endpoint', deleted: true };
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/deliveries', secret, async (request) =>
    listPage(store.deliveries, request.query, {
      url: '/v1/deliveries',
      createdOf: (delivery) => delivery.attempted_at,
      filters: {
        endpoint: (delivery, value) => delivery.endpoint === value,
        message_id: (delivery, value) => delivery.message_id === value,
        event_type: (delivery, value) => delivery.event_type === value,
        object_id: (delivery, value) => delivery.object_id === value,
        trigger: (delivery, value) => delivery.trigger === value,
        status: (delivery, value) => delivery.status === value,
      },
    }),
  );
}
