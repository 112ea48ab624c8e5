import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import { newId, unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalString, requiredInteger } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { checkAdvance, startAdvance, subscriptionsOnClock } from '../billing/advanceTestClock';
import { cancelSubscription } from '../billing/cancelSubscription';

const DELETES_AFTER_S = 30 * 24 * 60 * 60;

function findClock({ services, path }: ApiCall): Stripe.TestHelpers.TestClock {
  const id = path.id ?? '';
  const clock = services.store.get('test_helpers.test_clock', id);
  if (!clock) throw resourceMissing('test_helpers.test_clock', id);
  return clock;
}

/** `/v1/test_helpers/test_clocks`: simulated time for customers created with `test_clock` and their subscriptions. */
export const testClocks: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/test_helpers/test_clocks',
      params: ['frozen_time', 'name'],
      handle({ params, services }) {
        const frozenTime = requiredInteger(params, 'frozen_time');
        if (frozenTime < 0) throw invalidRequest('Invalid timestamp: must be a positive Unix timestamp.', { param: 'frozen_time' });
        const name = optionalString(params, 'name');
        if (name !== undefined && name.length > 300) throw invalidRequest('name must be at most 300 characters.', { param: 'name' });
        const created = unixNow();
        return services.store.add('test_helpers.test_clock', {
          id: newId('clock'),
          object: 'test_helpers.test_clock',
          created,
          deletes_after: created + DELETES_AFTER_S,
          frozen_time: frozenTime,
          livemode: services.store.livemode,
          name: name ?? null,
          status: 'ready',
          status_details: {},
        });
      },
    },
    {
      method: 'GET',
      path: '/v1/test_helpers/test_clocks/:id',
      params: [],
      handle(call) {
        const id = call.path.id ?? '';
        if (call.services.store.deletedTestClocks.has(id))
          return { id, object: 'test_helpers.test_clock', deleted: true } satisfies Stripe.TestHelpers.DeletedTestClock;
        return findClock(call);
      },
    },
    {
      method: 'POST',
      path: '/v1/test_helpers/test_clocks/:id/advance',
      params: ['frozen_time'],
      handle(call) {
        const clock = findClock(call);
        const target = requiredInteger(call.params, 'frozen_time');
        checkAdvance(call.services, clock, target);
        startAdvance(call.services, clock, target, call.request);
        return clock;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/test_helpers/test_clocks/:id',
      params: [],
      handle(call) {
        const clock = findClock(call);
        const { services, request } = call;
        // Deleting a clock deletes the customers that follow it, ending their subscriptions first.
        for (const subscription of subscriptionsOnClock(services, clock.id)) {
          if (subscription.status !== 'canceled' && subscription.status !== 'incomplete_expired')
            cancelSubscription(services, subscription, clock.frozen_time, request);
        }
        for (const customer of services.store.all('customer').filter((c) => c.test_clock === clock.id)) {
          services.store.remove('customer', customer.id);
          services.store.deletedCustomers.add(customer.id);
          services.events.emit('customer.deleted', customer, { request });
        }
        services.store.remove('test_helpers.test_clock', clock.id);
        services.store.deletedTestClocks.add(clock.id);
        const deleted: Stripe.TestHelpers.DeletedTestClock = { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
        return deleted;
      },
    },
    {
      method: 'GET',
      path: '/v1/test_helpers/test_clocks',
      params: [...LIST_PARAMS],
      handle({ params, services }) {
        return paginate(services.store.all('test_helpers.test_clock'), params, '/v1/test_helpers/test_clocks', 'test_helpers.test_clock');
      },
    },
  ],
};
