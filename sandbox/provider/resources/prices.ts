import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  requiredCurrency,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { changedFields } from './changedFields';
import { newPriceObject } from './priceObject';
import { createProductFromData, validateProductData } from './productData';

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

function findPrice({ services, path }: ApiCall): Stripe.Price {
  const id = path.id ?? '';
  const price = services.store.get('price', id);
  if (!price) throw resourceMissing('price', id);
  return price;
}

/** Stripe keeps a lookup key on one price only; `transfer_lookup_key=true` moves it, otherwise it is an error. */
function claimLookupKey(services: ProviderServices, lookupKey: string, claimant: string, transfer: boolean, request: RequestRef): void {
  const holder = services.store.all('price').find((p) => p.lookup_key === lookupKey && p.id !== claimant);
  if (!holder) return;
  if (!transfer) {
    throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, { param: 'lookup_key' });
  }
  holder.lookup_key = null;
  services.events.emit('price.updated', holder, { request, previous: { lookup_key: lookupKey } });
}

function recurringParam(params: Params): Stripe.Price.Recurring | null {
  const recurring = optionalObject(params, 'recurring');
  if (!recurring) return null;
  const interval = oneOf(recurring, 'interval', INTERVALS);
  if (!interval) throw missingParam('recurring[interval]');
  const intervalCount = optionalInteger(recurring, 'interval_count', 'recurring[interval_count]') ?? 1;
  const usageType = oneOf(recurring, 'usage_type', ['licensed', 'metered'] as const) ?? 'licensed';
  return { interval, interval_count: intervalCount, meter: null, trial_period_days: null, usage_type: usageType };
}

export const prices: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/prices',
      params: [
        'active',
        'currency',
        'lookup_key',
        'metadata',
        'nickname',
        'product',
        'product_data',
        'recurring',
        'tax_behavior',
        'transfer_lookup_key',
        'unit_amount',
        'unit_amount_decimal',
        'billing_scheme',
      ],
      handle({ params, services, request }) {
        const currency = requiredCurrency(params);
        const productId = optionalString(params, 'product');
        const productData = optionalObject(params, 'product_data');
        if (!productId && !productData) throw missingParam('product');
        if (productId && productData)
          throw invalidRequest('You may only specify one of these parameters: product, product_data.', { param: 'product' });
        if (productId && !services.store.get('product', productId)) throw resourceMissing('product', productId, 'product');
        if (productData) validateProductData(productData, 'product_data');
        const unitAmountDecimal = optionalString(params, 'unit_amount_decimal');
        let unitAmount = optionalInteger(params, 'unit_amount');
        if (unitAmount === undefined && unitAmountDecimal === undefined) throw missingParam('unit_amount');
        if (unitAmount !== undefined && unitAmountDecimal !== undefined) {
          throw invalidRequest('You may only specify one of these parameters: unit_amount, unit_amount_decimal.', { param: 'unit_amount' });
        }
        if (unitAmount !== undefined && unitAmount < 0) throw invalidRequest('Invalid non-negative integer', { param: 'unit_amount' });
        if (unitAmountDecimal !== undefined) {
          if (!/^\d+(\.\d{1,12})?$/.test(unitAmountDecimal))
            throw invalidRequest(`Invalid decimal: ${unitAmountDecimal}`, { param: 'unit_amount_decimal' });
          unitAmount = Number.isInteger(Number(unitAmountDecimal)) ? Number(unitAmountDecimal) : undefined;
        }
        const recurring = recurringParam(params);
        const lookupKey = optionalString(params, 'lookup_key');
        const transfer = optionalBoolean(params, 'transfer_lookup_key') ?? false;
        const metadata = metadataParam(params) ?? {};
        const active = optionalBoolean(params, 'active') ?? true;
        const nickname = optionalString(params, 'nickname') ?? null;
        const taxBehavior = oneOf(params, 'tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified';
        if (lookupKey && !transfer) claimLookupKey(services, lookupKey, '', false, request); // throws if taken; changes nothing
        // Validation done: from here on, state changes.
        const product = productId ?? createProductFromData(services, productData ?? {}, request).id;
        const price = newPriceObject({
          product,
          currency,
          unitAmount: unitAmount ?? null,
          unitAmountDecimal,
          recurring,
          lookupKey: lookupKey ?? null,
          metadata,
          active,
          nickname,
          taxBehavior,
          livemode: services.store.livemode,
        });
        if (lookupKey && transfer) claimLookupKey(services, lookupKey, price.id, true, request);
        services.store.add('price', price);
        services.events.emit('price.created', price, { request });
        return price;
      },
    },
    { method: 'GET', path: '/v1/prices/:id', params: [], handle: findPrice },
    {
      method: 'POST',
      path: '/v1/prices/:id',
      params: ['active', 'lookup_key', 'metadata', 'nickname', 'tax_behavior', 'transfer_lookup_key'],
      handle(call) {
        const price = findPrice(call);
        const { params, services, request } = call;
        const before = { ...price };
        const lookupKey = nullableString(params, 'lookup_key');
        if (lookupKey) claimLookupKey(services, lookupKey, price.id, optionalBoolean(params, 'transfer_lookup_key') ?? false, request);
        if (lookupKey !== undefined) price.lookup_key = lookupKey;
        const active = optionalBoolean(params, 'active');
        if (active !== undefined) price.active = active;
        const nickname = nullableString(params, 'nickname');
        if (nickname !== undefined) price.nickname = nickname;
        const metadata = metadataParam(params, price.metadata);
        if (metadata !== undefined) price.metadata = metadata;
        const taxBehavior = oneOf(params, 'tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const);
        if (taxBehavior !== undefined) price.tax_behavior = taxBehavior;
        const previous = changedFields(before, price);
        if (previous) services.events.emit('price.updated', price, { request, previous });
        return price;
      },
    },
    {
      method: 'GET',
      path: '/v1/prices',
      params: [...LIST_PARAMS, 'active', 'currency', 'lookup_keys', 'product', 'type', 'recurring'],
      handle({ params, services }) {
        const active = optionalBoolean(params, 'active');
        const currency = optionalString(params, 'currency')?.toLowerCase();
        const lookupKeys = optionalStringArray(params, 'lookup_keys');
        if (lookupKeys && lookupKeys.length > 10) throw invalidRequest('You may pass at most 10 lookup keys.', { param: 'lookup_keys' });
        const product = optionalString(params, 'product');
        const type = oneOf(params, 'type', ['one_time', 'recurring'] as const);
        const interval = optionalObject(params, 'recurring')?.interval;
        const items = services.store
          .all('price')
          .filter(
            (p) =>
              !services.store.inlinePrices.has(p.id) &&
              (active === undefined || p.active === active) &&
              (currency === undefined || p.currency === currency) &&
              (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
              (product === undefined || p.product === product) &&
              (type === undefined || p.type === type) &&
              (interval === undefined || p.recurring?.interval === interval),
          );
        return paginate(items, params, '/v1/prices', 'price');
      },
    },
  ],
};
