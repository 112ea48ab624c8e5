import { invalidRequest, resourceMissing } from '../core/errors';
import { optionalInteger, optionalString } from '../core/params';
import type { Resource } from '../core/services';

/**
 * Sandbox-only routes (not part of Stripe's API): webhook delivery attempts and the request log, for the harness to
 * inspect, and a webhook endpoint's signing secret, as the dashboard's "Reveal" button shows it after creation.
 */
export const sandboxRoutes: Resource = {
  endpoints: [
    {
      method: 'GET',
      path: '/_sandbox/webhook_endpoints/:id/secret',
      params: [],
      handle({ path, services }) {
        const id = path.id ?? '';
        const secret = services.store.webhookSecrets.get(id);
        if (!services.store.get('webhook_endpoint', id) || secret === undefined) throw resourceMissing('webhook_endpoint', id);
        return { id, object: 'webhook_endpoint_secret', secret };
      },
    },
    {
      method: 'GET',
      path: '/_sandbox/webhook_attempts',
      params: ['event', 'endpoint'],
      handle({ params, services }) {
        const data = services.delivery.attempts({ event: optionalString(params, 'event'), endpoint: optionalString(params, 'endpoint') });
        return { object: 'list', data };
      },
    },
    {
      method: 'GET',
      path: '/_sandbox/requests',
      params: ['limit', 'idempotency_key', 'path'],
      handle({ params, services }) {
        const limit = optionalInteger(params, 'limit') ?? 10;
        if (limit < 1 || limit > 1000) throw invalidRequest('limit must be between 1 and 1000.', { param: 'limit' });
        const data = services.requests.list({
          limit,
          idempotencyKey: optionalString(params, 'idempotency_key'),
          path: optionalString(params, 'path'),
        });
        return { object: 'list', data };
      },
    },
  ],
};
