import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import { invalidRequest, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, nullableString, optionalBoolean, optionalString } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { cancelSubscription } from '../billing/cancelSubscription';
import { customerIdOf, customerNow } from '../billing/periods';
import { periodEnd } from '../billing/subscriptionObject';
import { changedFields } from './changedFields';

const STATUSES = ['active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid'];

function findSubscription({ services, path }: ApiCall): Stripe.Subscription {
  const id = path.id ?? '';
  const subscription = services.store.get('subscription', id);
  if (!subscription) throw resourceMissing('subscription', id);
  return subscription;
}

export const subscriptions: Resource = {
  endpoints: [
    { method: 'GET', path: '/v1/subscriptions/:id', params: [], handle: findSubscription },
    {
      method: 'POST',
      path: '/v1/subscriptions/:id',
      params: ['cancel_at_period_end', 'metadata', 'default_payment_method', 'description'],
      handle(call) {
        const subscription = findSubscription(call);
        const { params, services } = call;
        const cancelAtPeriodEnd = optionalBoolean(params, 'cancel_at_period_end');
        const paymentMethod = nullableString(params, 'default_payment_method');
        const description = nullableString(params, 'description');
        const metadata = metadataParam(params, subscription.metadata);
        if (subscription.status === 'canceled' && (cancelAtPeriodEnd !== undefined || paymentMethod !== undefined || description !== undefined)) {
          throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
        }
        const customer = customerIdOf(subscription);
        if (paymentMethod) {
          const method = services.store.get('payment_method', paymentMethod);
          if (!method) throw resourceMissing('payment_method', paymentMethod, 'default_payment_method');
          if (method.customer !== customer) {
            throw invalidRequest(`The customer does not have a payment method with the ID ${paymentMethod}. The payment method must be attached to the customer.`, { param: 'default_payment_method', code: 'resource_missing', status: 400 });
          }
        }
        const before = snapshot(subscription);
        if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
          subscription.cancel_at_period_end = cancelAtPeriodEnd;
          subscription.cancel_at = cancelAtPeriodEnd ? periodEnd(subscription) : null;
          subscription.canceled_at = cancelAtPeriodEnd ? customerNow(services, customer) : null;
          const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
          subscription.cancellation_details = { ...details, reason: cancelAtPeriodEnd ? 'cancellation_requested' : null };
        }
        if (paymentMethod !== undefined) subscription.default_payment_method = paymentMethod;
        if (description !== undefined) subscription.description = description;
        if (metadata !== undefined) subscription.metadata = metadata;
        const previous = changedFields(before, subscription);
        if (previous) services.events.emit('customer.subscription.updated', subscription, { request: call.request, previous });
        return subscription;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/subscriptions/:id',
      params: ['invoice_now', 'prorate', 'cancellation_details'],
      handle(call) {
        const subscription = findSubscription(call);
        if (subscription.status === 'canceled') {
          throw invalidRequest(`No such subscription: '${subscription.id}'; a similar object exists in test mode, but it has been canceled.`, { code: 'resource_missing', status: 404, param: 'id' });
        }
        cancelSubscription(call.services, subscription, customerNow(call.services, customerIdOf(subscription)), call.request);
        return subscription;
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions',
      params: [...LIST_PARAMS, 'customer', 'status', 'price', 'test_clock', 'collection_method', 'current_period_end', 'current_period_start'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const price = optionalString(params, 'price');
        const clock = optionalString(params, 'test_clock');
        const status = optionalString(params, 'status');
        if (status !== undefined && !STATUSES.includes(status)) throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}`, { param: 'status' });
        const items = services.store.all('subscription').filter((s) => {
          const statusOk =
            status === 'all' ? true
            : status === 'ended' ? s.status === 'canceled' || s.status === 'incomplete_expired'
            : status !== undefined ? s.status === status
            : s.status !== 'canceled'; // Stripe lists every status but canceled by default.
          return (
            statusOk &&
            (customer === undefined || s.customer === customer) &&
            (clock === undefined || s.test_clock === clock) &&
            (price === undefined || s.items.data.some((item) => item.price.id === price))
          );
        });
        return paginate(items, params, '/v1/subscriptions', 'subscription');
      },
    },
  ],
};
