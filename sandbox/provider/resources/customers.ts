import type Stripe from 'stripe';
import { invalidRequest, resourceMissing, unknownParam } from '../core/errors';
import { newId, randomBase62, unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, nullableString, oneOf, optionalObject, optionalString, optionalStringArray, type Params } from '../core/params';
import { snapshot } from '../core/expand';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { cancelSubscription } from '../billing/cancelSubscription';
import { cardDeclineError } from '../payments/payWithCard';
import { attachToCustomer, declineOnSave, namedPaymentMethod } from '../payments/savePaymentMethod';
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
  return {
    city: field('city'),
    country: field('country'),
    line1: field('line1'),
    line2: field('line2'),
    postal_code: field('postal_code'),
    state: field('state'),
  };
}

function applyWritable(customer: Stripe.Customer, params: Params): void {
  const email = nullableString(params, 'email');
  if (email !== undefined) {
    if (email !== null && email.length > 512)
      throw invalidRequest('Invalid email address: too long', { param: 'email', code: 'email_invalid' });
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

/** The `invoice_settings[…]` members the sandbox keeps; Stripe's others (`custom_fields`, `rendering_options`) are refused. */
const INVOICE_SETTINGS = ['default_payment_method', 'footer'] as const;

/**
 * `invoice_settings[default_payment_method]` (`''` clears it) and `[footer]`. The default must be a PaymentMethod
 * attached to this customer: otherwise Stripe's 400 "The customer does not have a payment method with the ID … The
 * payment method must be attached to the customer." (the wording merchants report, e.g. getlago/lago-api#3665; the
 * sandbox's subscriptions answer the same for `default_payment_method`). `aliases` maps a test id given as this
 * request's `payment_method` to the `pm_…` it became (a customer created with the same test id in both: that Stripe
 * resolves both to the one new card is the sandbox's reading, not verified);
 * `isAttached` says whether an id is attached to the customer (default: the store says so).
 */
function applyInvoiceSettings(
  services: ProviderServices,
  customer: Stripe.Customer,
  params: Params,
  aliases: Record<string, string> = {},
  isAttached = (id: string) => services.store.get('payment_method', id)?.customer === customer.id,
): void {
  if (params.invoice_settings === undefined) return;
  const settings = optionalObject(params, 'invoice_settings') ?? {};
  for (const name of Object.keys(settings)) {
    if (!(INVOICE_SETTINGS as readonly string[]).includes(name)) {
      if (name === 'custom_fields' || name === 'rendering_options') {
        throw invalidRequest(`The sandbox provider does not emulate invoice_settings[${name}].`, { param: `invoice_settings[${name}]` });
      }
      throw unknownParam(`invoice_settings[${name}]`);
    }
  }
  const next = { ...customer.invoice_settings };
  const requested = nullableString(settings, 'default_payment_method');
  if (requested !== undefined) {
    const id = requested === null ? null : (aliases[requested] ?? requested);
    if (id !== null && !isAttached(id)) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
        {
          param: 'invoice_settings[default_payment_method]',
          code: 'resource_missing',
        },
      );
    }
    next.default_payment_method = id;
  }
  const footer = nullableString(settings, 'footer');
  if (footer !== undefined) next.footer = footer;
  customer.invoice_settings = next;
}

/**
 * A create call's `payment_method` must be savable before the customer exists: known, not detached, not refused by
 * the card check (savePaymentMethod.ts), not another customer's.
 */
function checkSavableOnCreate(services: ProviderServices, id: string | undefined): void {
  if (id === undefined) return;
  const named = namedPaymentMethod(services, id, 'payment_method');
  const decline = declineOnSave(services, named.card);
  if (decline) throw cardDeclineError(decline);
  if (named.existing?.customer) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      param: 'payment_method',
      code: 'payment_method_unexpected_state',
    });
  }
}

/**
 * `customer.updated`'s `previous_attributes`: the old value of each changed top-level field, but for
 * `invoice_settings` only its changed members, as Stripe's events show (captured live events read
 * `previous_attributes: { invoice_settings: { default_payment_method: null } }`).
 */
export function customerChanges(before: Stripe.Customer, after: Stripe.Customer): Partial<Stripe.Customer> | undefined {
  const previous = changedFields(before, after);
  if (previous?.invoice_settings) {
    const old = before.invoice_settings as unknown as Record<string, unknown>;
    const now = after.invoice_settings as unknown as Record<string, unknown>;
    const members = Object.keys(now).filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]));
    previous.invoice_settings = Object.fromEntries(
      members.map((key) => [key, old[key] ?? null]),
    ) as unknown as Stripe.Customer.InvoiceSettings;
  }
  return previous;
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
      params: [...WRITABLE, 'test_clock', 'invoice_settings', 'payment_method'],
      handle({ params, services, request }) {
        const clockId = optionalString(params, 'test_clock');
        const clock = clockId ? services.store.get('test_helpers.test_clock', clockId) : undefined;
        if (clockId && !clock) throw resourceMissing('test_clock', clockId, 'test_clock');
        const paymentMethodId = optionalString(params, 'payment_method');
        const customer = newCustomerObject(services.store.livemode, clock?.frozen_time, clock?.id ?? null);
        // Everything is checked on a draft before the customer exists: a refused card or default creates nothing.
        checkSavableOnCreate(services, paymentMethodId);
        // A new customer has no card but the one this call attaches.
        applyInvoiceSettings(services, snapshot(customer), params, {}, (id) => id === paymentMethodId);
        applyWritable(customer, params);
        services.store.add('customer', customer);
        // `payment_method`: the card is saved (a test id becomes a new `pm_…`) and attached to the new customer; the
        // test id also names it in `invoice_settings[default_payment_method]`. Stripe does not document the order of
        // `customer.created` and `payment_method.attached`: the customer's first, showing what it was created with.
        const card =
          paymentMethodId !== undefined
            ? namedPaymentMethod(services, paymentMethodId, 'payment_method').store(customer.created)
            : undefined;
        applyInvoiceSettings(
          services,
          customer,
          params,
          card && paymentMethodId ? { [paymentMethodId]: card.id } : {},
          (id) => id === card?.id,
        );
        services.events.emit('customer.created', customer, { request });
        if (card) attachToCustomer(services, card, customer.id, request);
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
      params: [...WRITABLE, 'invoice_settings'],
      handle(call) {
        const customer = findCustomer(call);
        const before = snapshot(customer);
        // Checked before any change: a refused default leaves the customer as it was.
        const draft = snapshot(customer);
        applyInvoiceSettings(call.services, draft, call.params);
        applyWritable(customer, call.params);
        customer.invoice_settings = draft.invoice_settings;
        const previous = customerChanges(before, customer);
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
          if (subscription.customer === customer.id && subscription.status !== 'canceled')
            cancelSubscription(call.services, subscription, unixNow(), call.request);
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
        const items = services.store
          .all('customer')
          .filter((c) => (email === undefined || c.email === email) && (clock === undefined || c.test_clock === clock));
        return paginate(items, params, '/v1/customers', 'customer');
      },
    },
    {
      // A customer's PaymentMethods, newest first; `type` optional (Stripe's current reference), `allow_redisplay` filters.
      method: 'GET',
      path: '/v1/customers/:id/payment_methods',
      params: [...LIST_PARAMS, 'type', 'allow_redisplay'],
      handle(call) {
        const customer = findCustomer(call);
        const type = optionalString(call.params, 'type');
        const redisplay = oneOf(call.params, 'allow_redisplay', ['always', 'limited', 'unspecified'] as const);
        const items = call.services.store
          .all('payment_method')
          .filter(
            (pm) =>
              pm.customer === customer.id &&
              (type === undefined || pm.type === type) &&
              (redisplay === undefined || pm.allow_redisplay === redisplay),
          );
        return paginate(items, call.params, `/v1/customers/${customer.id}/payment_methods`, 'payment_method');
      },
    },
    {
      // One of the customer's PaymentMethods; one not attached to it is `resource_missing`, as an unknown id is.
      method: 'GET',
      path: '/v1/customers/:id/payment_methods/:payment_method',
      params: [],
      handle(call) {
        const customer = findCustomer(call);
        const id = call.path.payment_method ?? '';
        const paymentMethod = call.services.store.get('payment_method', id);
        if (!paymentMethod || paymentMethod.customer !== customer.id) throw resourceMissing('payment_method', id);
        return paymentMethod;
      },
    },
  ],
};
