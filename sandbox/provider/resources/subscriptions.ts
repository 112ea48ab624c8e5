import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalObjectArray,
  optionalString,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { cancelSubscription, setCancelAtPeriodEnd } from '../billing/cancelSubscription';
import { expireIfDue } from '../billing/expireIncomplete';
import { customerIdOf, customerNow } from '../billing/periods';
import { subscribeThroughApi } from '../billing/subscribeThroughApi';
import { applyItemChanges, checkPayableNow, planItemChanges, type ItemUpdate } from '../billing/changeSubscriptionItems';
import { periodEnd } from '../billing/subscriptionObject';
import { discountsParam } from '../billing/discounts';
import { changedFields } from './changedFields';

const STATUSES = ['active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid'];

function findSubscription({ services, path }: ApiCall): Stripe.Subscription {
  const id = path.id ?? '';
  const subscription = services.store.get('subscription', id);
  if (!subscription) throw resourceMissing('subscription', id);
  expireIfDue(services, subscription);
  return subscription;
}

/** A PaymentMethod the customer owns, for `default_payment_method`. */
function customerPaymentMethod(services: ProviderServices, id: string, customer: string): Stripe.PaymentMethod {
  const method = services.store.get('payment_method', id);
  if (!method) throw resourceMissing('payment_method', id, 'default_payment_method');
  if (method.customer !== customer) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      { param: 'default_payment_method', code: 'resource_missing', status: 400 },
    );
  }
  return method;
}

/** An active recurring price, for a subscription item's `price`. */
function recurringPrice(services: ProviderServices, id: string | undefined, param: string): Stripe.Price {
  if (!id) throw missingParam(param);
  const price = services.store.get('price', id);
  if (!price) throw resourceMissing('price', id, param);
  if (!price.active) throw invalidRequest('The price specified is inactive. This field only accepts active prices.', { param });
  if (price.type !== 'recurring' || !price.recurring) {
    throw invalidRequest('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', {
      param,
    });
  }
  return price;
}

/** `items[N][price]` (+ `quantity`): active recurring prices, one currency and interval, no price twice. */
function subscriptionItemsParam(services: ProviderServices, params: Params): { price: Stripe.Price; quantity: number }[] {
  const raw = optionalObjectArray(params, 'items');
  if (!raw || raw.length === 0) throw missingParam('items');
  const items = raw.map((item, i) => {
    const at = `items[${i}]`;
    for (const key of Object.keys(item)) {
      if (key === 'price_data')
        throw invalidRequest('The sandbox provider supports only `price` (a recurring price id) in subscription items.', {
          param: `${at}[price_data]`,
        });
      if (key !== 'price' && key !== 'quantity')
        throw invalidRequest(`Received unknown parameter: ${at}[${key}]`, { param: `${at}[${key}]`, code: 'parameter_unknown' });
    }
    const price = recurringPrice(services, optionalString(item, 'price'), `${at}[price]`);
    const quantity = optionalInteger(item, 'quantity', `${at}[quantity]`) ?? 1;
    if (quantity < 1) throw invalidRequest('Invalid positive integer', { param: `${at}[quantity]` });
    return { price, quantity };
  });
  if (new Set(items.map((item) => item.price.id)).size < items.length) {
    throw invalidRequest('Cannot add multiple subscription items with the same price.', { param: 'items' });
  }
  const cadence = (price: Stripe.Price) => `${price.currency}/${price.recurring?.interval}/${price.recurring?.interval_count}`;
  if (new Set(items.map((item) => cadence(item.price))).size > 1) {
    throw invalidRequest('Currency and interval fields must match across all plans on this subscription.', { param: 'items' });
  }
  return items;
}

/**
 * `items[N][id|price|quantity|deleted]` on update: an existing item (`id`) takes a new price or quantity, or leaves
 * (`deleted=true`); an entry without `id` adds an item. `price_data`, `metadata` and the rest are not emulated.
 */
function itemUpdatesParam(services: ProviderServices, params: Params): ItemUpdate[] | undefined {
  const raw = optionalObjectArray(params, 'items');
  if (!raw) return undefined;
  if (raw.length > 20) throw invalidRequest('A subscription can have at most 20 items.', { param: 'items' });
  return raw.map((item, i) => {
    const at = `items[${i}]`;
    for (const key of Object.keys(item)) {
      if (!['id', 'price', 'quantity', 'deleted'].includes(key)) {
        throw invalidRequest(
          `The sandbox provider supports only id, price, quantity and deleted in subscription items; received ${at}[${key}].`,
          { param: `${at}[${key}]` },
        );
      }
    }
    const priceId = optionalString(item, 'price');
    const quantity = optionalInteger(item, 'quantity', `${at}[quantity]`);
    if (quantity !== undefined && quantity < 1) throw invalidRequest('Invalid positive integer', { param: `${at}[quantity]` });
    const deleted = item.deleted === undefined ? undefined : optionalBoolean({ deleted: item.deleted }, 'deleted');
    return {
      id: optionalString(item, 'id'),
      ...(priceId !== undefined ? { price: recurringPrice(services, priceId, `${at}[price]`) } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(deleted ? { deleted } : {}),
      param: at,
    };
  });
}

/** `proration_behavior`, `proration_date` (inside the current period) and `payment_behavior` for an items change. */
function planChange(services: ProviderServices, subscription: Stripe.Subscription, updates: ItemUpdate[], params: Params, now: number) {
  const changes = planItemChanges(subscription, updates);
  const prorationBehavior =
    oneOf(params, 'proration_behavior', ['always_invoice', 'create_prorations', 'none'] as const) ?? 'create_prorations';
  const paymentBehavior =
    oneOf(params, 'payment_behavior', [
      'allow_incomplete',
      'default_incomplete',
      'error_if_incomplete',
      'pending_if_incomplete',
    ] as const) ?? 'allow_incomplete';
  if (paymentBehavior === 'pending_if_incomplete')
    throw invalidRequest('The sandbox provider does not emulate pending updates (payment_behavior=pending_if_incomplete).', {
      param: 'payment_behavior',
    });
  const prorationDate = optionalInteger(params, 'proration_date') ?? now;
  const start = Math.min(...subscription.items.data.map((item) => item.current_period_start));
  if (prorationDate < start || prorationDate > periodEnd(subscription)) {
    throw invalidRequest(`proration_date must be within the subscription's current period (${start} to ${periodEnd(subscription)}).`, {
      param: 'proration_date',
    });
  }
  return { changes, options: { prorationBehavior, prorationDate, paymentBehavior, now } };
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}

/** `payment_settings[save_default_payment_method]`: `off` (Stripe's default) or `on_subscription`. */
function paymentSettingsParam(params: Params): { saveDefaultPaymentMethod: 'off' | 'on_subscription' } {
  const settings = optionalObject(params, 'payment_settings') ?? {};
  for (const key of Object.keys(settings)) {
    if (key !== 'save_default_payment_method') {
      throw invalidRequest(
        `The sandbox provider supports only payment_settings[save_default_payment_method]; received payment_settings[${key}].`,
        { param: `payment_settings[${key}]`, code: 'parameter_unknown' },
      );
    }
  }
  const save = optionalString(settings, 'save_default_payment_method') ?? 'off';
  if (save !== 'off' && save !== 'on_subscription') {
    throw invalidRequest('Invalid payment_settings[save_default_payment_method]: must be one of off, on_subscription', {
      param: 'payment_settings[save_default_payment_method]',
    });
  }
  return { saveDefaultPaymentMethod: save };
}

export const subscriptions: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/subscriptions',
      params: [
        'customer',
        'items',
        'payment_behavior',
        'payment_settings',
        'default_payment_method',
        'metadata',
        'description',
        'cancel_at_period_end',
        'collection_method',
        'off_session',
        'discounts',
      ],
      handle({ params, services, request }) {
        const customerId = optionalString(params, 'customer');
        if (!customerId) throw missingParam('customer');
        const customer = services.store.get('customer', customerId);
        if (!customer) throw resourceMissing('customer', customerId, 'customer');
        const items = subscriptionItemsParam(services, params);
        const behavior =
          oneOf(params, 'payment_behavior', [
            'allow_incomplete',
            'default_incomplete',
            'error_if_incomplete',
            'pending_if_incomplete',
          ] as const) ?? 'allow_incomplete';
        if (behavior === 'pending_if_incomplete') {
          throw invalidRequest('payment_behavior=pending_if_incomplete is only supported when updating a subscription.', {
            param: 'payment_behavior',
          });
        }
        if (
          (oneOf(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically') !==
          'charge_automatically'
        ) {
          throw invalidRequest('The sandbox provider supports only collection_method=charge_automatically.', {
            param: 'collection_method',
          });
        }
        optionalBoolean(params, 'off_session'); // Validated only: the sandbox never asks for authentication off session.
        const paymentMethodId = optionalString(params, 'default_payment_method');
        const subtotal = items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * item.quantity, 0);
        const discounts = discountsParam(services, params, {
          customer: customer.id,
          currency: items[0]!.price.currency,
          subtotal,
          now: customerNow(services, customer.id),
        });
        return subscribeThroughApi(
          services,
          {
            customer,
            items,
            paymentBehavior: behavior,
            defaultPaymentMethod: paymentMethodId ? customerPaymentMethod(services, paymentMethodId, customer.id) : null,
            saveDefaultPaymentMethod: paymentSettingsParam(params).saveDefaultPaymentMethod,
            metadata: metadataParam(params) ?? {},
            description: optionalString(params, 'description') ?? null,
            cancelAtPeriodEnd: optionalBoolean(params, 'cancel_at_period_end') ?? false,
            discounts,
          },
          request,
        );
      },
    },
    { method: 'GET', path: '/v1/subscriptions/:id', params: [], handle: findSubscription },
    {
      method: 'POST',
      path: '/v1/subscriptions/:id',
      params: [
        'cancel_at_period_end',
        'metadata',
        'default_payment_method',
        'description',
        'items',
        'proration_behavior',
        'proration_date',
        'payment_behavior',
      ],
      handle(call) {
        const subscription = findSubscription(call);
        const { params, services } = call;
        const cancelAtPeriodEnd = optionalBoolean(params, 'cancel_at_period_end');
        const paymentMethod = nullableString(params, 'default_payment_method');
        const description = nullableString(params, 'description');
        const metadata = metadataParam(params, subscription.metadata);
        const itemUpdates = itemUpdatesParam(services, params);
        if (
          subscription.status === 'canceled' &&
          (cancelAtPeriodEnd !== undefined || paymentMethod !== undefined || description !== undefined || itemUpdates)
        ) {
          throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
        }
        const customer = customerIdOf(subscription);
        if (paymentMethod) customerPaymentMethod(services, paymentMethod, customer);
        const now = customerNow(services, customer);
        const change = itemUpdates && planChange(services, subscription, itemUpdates, params, now);
        if (change)
          checkPayableNow(
            services,
            subscription,
            change.changes,
            change.options,
            paymentMethod === undefined ? idOf(subscription.default_payment_method) : paymentMethod,
          );
        const before = snapshot(subscription);
        if (paymentMethod !== undefined) subscription.default_payment_method = paymentMethod;
        if (change) applyItemChanges(services, subscription, change.changes, change.options, call.request);
        if (cancelAtPeriodEnd !== undefined) setCancelAtPeriodEnd(subscription, cancelAtPeriodEnd, now);
        if (description !== undefined) subscription.description = description;
        if (metadata !== undefined) subscription.metadata = metadata;
        const previous = changedFields(before, subscription);
        if (previous) services.events.emit('customer.subscription.updated', subscription, { request: call.request, previous });
        return subscription;
      },
    },
    {
      method: 'POST',
      path: '/v1/subscriptions/:id/resume',
      params: ['billing_cycle_anchor', 'proration_behavior', 'proration_date'],
      handle(call) {
        const subscription = findSubscription(call);
        // Stripe resumes only `paused` subscriptions (a trial that ended without a payment method, `trial_settings.
        // end_behavior.missing_payment_method=pause`). The sandbox has no trials, so nothing is ever paused; the
        // refusal's wording is the sandbox's own.
        throw invalidRequest(
          `Only a paused subscription can be resumed; subscription ${subscription.id} is ${subscription.status}. (The sandbox provider does not emulate pausing.)`,
        );
      },
    },
    {
      method: 'DELETE',
      path: '/v1/subscriptions/:id',
      params: ['invoice_now', 'prorate', 'cancellation_details'],
      handle(call) {
        const subscription = findSubscription(call);
        if (subscription.status === 'canceled') {
          throw invalidRequest(
            `No such subscription: '${subscription.id}'; a similar object exists in test mode, but it has been canceled.`,
            { code: 'resource_missing', status: 404, param: 'id' },
          );
        }
        cancelSubscription(call.services, subscription, customerNow(call.services, customerIdOf(subscription)), call.request);
        return subscription;
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions',
      params: [
        ...LIST_PARAMS,
        'customer',
        'status',
        'price',
        'test_clock',
        'collection_method',
        'current_period_end',
        'current_period_start',
      ],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const price = optionalString(params, 'price');
        const clock = optionalString(params, 'test_clock');
        const status = optionalString(params, 'status');
        if (status !== undefined && !STATUSES.includes(status))
          throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}`, { param: 'status' });
        const items = services.store.all('subscription').filter((s) => {
          expireIfDue(services, s);
          const statusOk =
            status === 'all'
              ? true
              : status === 'ended'
                ? s.status === 'canceled' || s.status === 'incomplete_expired'
                : status !== undefined
                  ? s.status === status
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
