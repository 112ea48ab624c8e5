import { invalidRequest, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalBoolean, optionalString, optionalStringArray } from '../core/params';
import type { Resource } from '../core/services';

/** `charge.*` style patterns, as Stripe's `type` filter accepts. */
function typeMatches(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(type);
}

export const events: Resource = {
  endpoints: [
    {
      method: 'GET',
      path: '/v1/events/:id',
      params: [],
      handle({ services, path }) {
        const id = path.id ?? '';
        const event = services.store.get('event', id);
        if (!event) throw resourceMissing('event', id);
        return event;
      },
    },
    {
      method: 'GET',
      path: '/v1/events',
      params: [...LIST_PARAMS, 'type', 'types', 'delivery_success'],
      handle({ params, services }) {
        const type = optionalString(params, 'type');
        const types = optionalStringArray(params, 'types');
        if (type !== undefined && types !== undefined)
          throw invalidRequest('You may only specify one of these parameters: type, types.', { param: 'types' });
        if (types && types.length > 20) throw invalidRequest('You may pass at most 20 types.', { param: 'types' });
        const deliverySuccess = optionalBoolean(params, 'delivery_success');
        const items = services.store.all('event').filter((event) => {
          if (type !== undefined && !typeMatches(type, event.type)) return false;
          if (types !== undefined && !types.some((t) => typeMatches(t, event.type))) return false;
          if (deliverySuccess !== undefined) {
            const delivered = event.pending_webhooks === 0;
            if (delivered !== deliverySuccess) return false;
          }
          return true;
        });
        return paginate(items, params, '/v1/events', 'event');
      },
    },
  ],
};
