import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import { newId, randomBase62, unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, nullableString, optionalObject, optionalString, optionalStringArray, type Params } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { cancelSubscription } from '../billing/cancelSubscription';
import { changedFields } from './changedFields';

const WRITABLE = ['address', 'description', 'email', 'metadata', 'name', 'phone', 'preferred_locales', 'shipping'] as const;

function findCustomer({ services, path }: ApiCall): Stripe.Customer {
  const id = path.id ?? '';
  const customer = services.store.get('customer', id);
  if (!customer) throw resourceMissing('customer', id);
  return customer;
}

function addressParam(params: Params, name: string): Stripe.Address | null | undefined {
  if (params[name] === '') return null;
  const raw = optionalObject(params, name);
  if (!raw) return undefined;
  const field = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : null);
  return { city: field('city'), country: field('country'), line1: field('line1'), line2: field('line2'), postal_code: field('postal_code'), state: field('state') };
}

function applyWritable(customer: Stripe.Customer, params: Params): void {
  const email = nullableString(params, 'email');
  if (email !== undefined) {
    if (email !== null && email.length > 512) throw invalidRequest('Invalid email address: too long', { param: 'email', code: 'email_invalid' });
    customer.email = email;
  }
  const name = nullableString(params, 'name');
  if (name !== undefined) customer.name = name;
  const description = nullableString(params, 'description');
  if (description !== undefined) customer.description = description;
  const phone = nullableString(params, 'phone');
  if (phone !== undefined) customer.phone = phone;
  const address = addressParam(params, 'address');
  if (address !== undefined) customer.address = address;
  const locales = optionalStringArray(params, 'preferred_locales');
  if (locales !== undefined) customer.preferred_locales = locales;
  const metadata = metadataParam(params, customer.metadata);
  if (metadata !== undefined) customer.metadata = metadata;
  if (params.shipping === '') customer.shipping = null;
  const shipping = optionalObject(params, 'shipping');
  if (shipping) {
    customer.shipping = {
      address: addressParam(shipping, 'address') ?? undefined,
      name: typeof shipping.name === 'string' ? shipping.name : undefined,
      phone: typeof shipping.phone === 'string' ? shipping.phone : null,
    };
  }
}

/** A new Customer with every field Stripe returns; on a test clock it is created at the clock's frozen time. */
export function newCustomerObject(livemode: boolean, created = unixNow(), testClock: string | null = null): Stripe.Customer {
  return {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: randomBase62(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: testClock,
  };
}

export const customers: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/customers',
      params: [...WRITABLE, 'test_clock'],
      handle({ params, services, request }) {
        const clockId = optionalString(params, 'test_clock');
        const clock = clockId ? services.store.get('test_helpers.test_clock', clockId) : undefined;
        if (clockId && !clock) throw resourceMissing('test_clock', clockId, 'test_clock');
        const customer = newCustomerObject(services.store.livemode, clock?.frozen_time, clock?.id ?? null);
        applyWritable(customer, params);
        services.store.add('customer', customer);
        services.events.emit('customer.created', customer, { request });
        return customer;
      },
    },
    {
      method: 'GET',
      path: '/v1/customers/:id',
      params: [],
      handle({ services, path }) {
        const id = path.id ?? '';
        const customer = services.store.get('customer', id);
        if (customer) return customer;
        const deleted = services.store.deletedCustomers.has(id);
        if (deleted) return { id, object: 'customer', deleted: true } satisfies Stripe.DeletedCustomer;
        throw resourceMissing('customer', id);
      },
    },
    {
      method: 'POST',
      path: '/v1/customers/:id',
      params: [...WRITABLE],
      handle(call) {
        const customer = findCustomer(call);
        const before = { ...customer };
        applyWritable(customer, call.params);
        const previous = changedFields(before, customer);
        if (previous) call.services.events.emit('customer.updated', customer, { request: call.request, previous });
        return customer;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/customers/:id',
      params: [],
      handle(call) {
        const customer = findCustomer(call);
        // Stripe ends a deleted customer's subscriptions at once.
        for (const subscription of call.services.store.all('subscription')) {
          if (subscription.customer === customer.id && subscription.status !== 'canceled') cancelSubscription(call.services, subscription, unixNow(), call.request);
        }
        call.services.store.remove('customer', customer.id);
        call.services.store.deletedCustomers.add(customer.id);
        call.services.events.emit('customer.deleted', customer, { request: call.request });
        const deleted: Stripe.DeletedCustomer = { id: customer.id, object: 'customer', deleted: true };
        return deleted;
      },
    },
    {
      method: 'GET',
      path: '/v1/customers',
      params: [...LIST_PARAMS, 'email', 'test_clock'],
      handle({ params, services }) {
        const email = optionalString(params, 'email');
        const clock = optionalString(params, 'test_clock');
        // Stripe's email filter is case-sensitive and exact.
        const items = services.store.all('customer').filter((c) => (email === undefined || c.email === email) && (clock === undefined || c.test_clock === clock));
        return paginate(items, params, '/v1/customers', 'customer');
      },
    },
  ],
};
