import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { newId, randomBase62, unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  requiredString,
  type Params,
} from '../core/params';
import type { ApiCall, Resource } from '../core/services';

function findEndpoint({ services, path }: ApiCall): Stripe.WebhookEndpoint {
  const id = path.id ?? '';
  const endpoint = services.store.get('webhook_endpoint', id);
  if (!endpoint) throw resourceMissing('webhook_endpoint', id);
  return endpoint;
}

/**
 * Any http(s) URL is registered, as at Stripe (a preflight must be able to see a misconfigured endpoint);
 * the sandbox only ever delivers to loopback ones (see webhooks/delivery.ts).
 */
function urlParam(params: Params, required: boolean): string | undefined {
  const url = required ? requiredString(params, 'url') : optionalString(params, 'url');
  if (url === undefined) return undefined;
  if (!isHttpUrl(url))
    throw invalidRequest(`Invalid URL: ${url}. Webhook endpoint URLs must be http or https URLs.`, { param: 'url', code: 'url_invalid' });
  return url;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `2025-03-31.basil` or `2024-06-20`; null when absent (the endpoint then gets the account's default version). */
function apiVersionParam(params: Params): string | null {
  const version = optionalString(params, 'api_version');
  if (version === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version)) throw invalidRequest(`Invalid api_version: ${version}`, { param: 'api_version' });
  return version;
}

function enabledEventsParam(params: Params, required: boolean): string[] | undefined {
  const events = optionalStringArray(params, 'enabled_events');
  if (events === undefined) {
    if (required) throw missingParam('enabled_events');
    return undefined;
  }
  if (events.length === 0) throw missingParam('enabled_events');
  events.forEach((type, i) => {
    if (type !== '*' && !/^[a-z_]+(\.[a-z_]+)+$/.test(type))
      throw invalidRequest(`Invalid enabled_events[${i}]: ${type}`, { param: `enabled_events[${i}]` });
  });
  return events;
}

export const webhookEndpoints: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/webhook_endpoints',
      params: ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect'],
      handle({ params, services }) {
        const url = urlParam(params, true) ?? '';
        const enabledEvents = enabledEventsParam(params, true) ?? [];
        if (optionalBoolean(params, 'connect'))
          throw invalidRequest('Connect endpoints are not supported by the sandbox provider.', { param: 'connect' });
        const endpoint: Stripe.WebhookEndpoint = {
          id: newId('we'),
          object: 'webhook_endpoint',
          api_version: apiVersionParam(params),
          application: null,
          created: unixNow(),
          description: optionalString(params, 'description') ?? null,
          enabled_events: enabledEvents,
          livemode: services.store.livemode,
          metadata: metadataParam(params) ?? {},
          status: 'enabled',
          url,
        };
        const secret = services.webhookSecretFor?.(url) ?? `whsec_${randomBase62(32)}`;
        services.store.add('webhook_endpoint', endpoint);
        services.store.webhookSecrets.set(endpoint.id, secret);
        // The secret is part of the create response only, as at Stripe.
        return { ...endpoint, secret };
      },
    },
    { method: 'GET', path: '/v1/webhook_endpoints/:id', params: [], handle: findEndpoint },
    {
      method: 'POST',
      path: '/v1/webhook_endpoints/:id',
      params: ['url', 'enabled_events', 'description', 'metadata', 'disabled'],
      handle(call) {
        const endpoint = findEndpoint(call);
        const { params } = call;
        const url = urlParam(params, false);
        const enabledEvents = enabledEventsParam(params, false);
        const description = nullableString(params, 'description');
        const metadata = metadataParam(params, endpoint.metadata);
        const disabled = optionalBoolean(params, 'disabled');
        if (url !== undefined) endpoint.url = url;
        if (enabledEvents !== undefined) endpoint.enabled_events = enabledEvents;
        if (description !== undefined) endpoint.description = description;
        if (metadata !== undefined) endpoint.metadata = metadata;
        if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
        return endpoint;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/webhook_endpoints/:id',
      params: [],
      handle(call) {
        const endpoint = findEndpoint(call);
        call.services.store.remove('webhook_endpoint', endpoint.id);
        call.services.store.webhookSecrets.delete(endpoint.id);
        const deleted: Stripe.DeletedWebhookEndpoint = { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
        return deleted;
      },
    },
    {
      method: 'GET',
      path: '/v1/webhook_endpoints',
      params: [...LIST_PARAMS],
      handle({ params, services }) {
        return paginate(services.store.all('webhook_endpoint'), params, '/v1/webhook_endpoints', 'webhook_endpoint');
      },
    },
  ],
};
