import { optionalString } from '../core/params';
import type { Resource } from '../core/services';

/** Sandbox-only routes (not part of Stripe's API): webhook delivery attempts, for the harness to inspect. */
export const sandboxRoutes: Resource = {
  endpoints: [
    {
      method: 'GET',
      path: '/_sandbox/webhook_attempts',
      params: ['event', 'endpoint'],
      handle({ params, services }) {
        const data = services.delivery.attempts({ event: optionalString(params, 'event'), endpoint: optionalString(params, 'endpoint') });
        return { object: 'list', data };
      },
    },
  ],
};
