import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { newId, unixNow } from '../core/ids';
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
  requiredString,
  type Params,
} from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { changedFields } from './changedFields';
import { newPriceObject, type PriceFields } from './priceObject';

const WRITABLE = [
  'active',
  'description',
  'images',
  'metadata',
  'name',
  'shippable',
  'statement_descriptor',
  'tax_code',
  'unit_label',
  'url',
] as const;

function findProduct({ services, path }: ApiCall): Stripe.Product {
  const id = path.id ?? '';
  const product = services.store.get('product', id);
  if (!product) throw resourceMissing('product', id);
  return product;
}

function applyWritable(product: Stripe.Product, params: Params): void {
  const name = optionalString(params, 'name');
  if (name !== undefined) {
    if (name === '') throw invalidRequest('You must provide a non-empty name.', { param: 'name' });
    product.name = name;
  }
  const active = optionalBoolean(params, 'active');
  if (active !== undefined) product.active = active;
  const description = nullableString(params, 'description');
  if (description !== undefined) product.description = description;
  const images = optionalStringArray(params, 'images');
  if (images !== undefined) product.images = images;
  const metadata = metadataParam(params, product.metadata);
  if (metadata !== undefined) product.metadata = metadata;
  const shippable = optionalBoolean(params, 'shippable');
  if (shippable !== undefined) product.shippable = shippable;
  const descriptor = nullableString(params, 'statement_descriptor');
  if (descriptor !== undefined) product.statement_descriptor = descriptor;
  const taxCode = nullableString(params, 'tax_code');
  if (taxCode !== undefined) product.tax_code = taxCode;
  const unitLabel = nullableString(params, 'unit_label');
  if (unitLabel !== undefined) product.unit_label = unitLabel;
  const url = nullableString(params, 'url');
  if (url !== undefined) product.url = url;
}

/** `default_price_data`: the price Stripe creates with the product and sets as its `default_price`. */
function defaultPriceData(params: Params): Omit<PriceFields, 'product' | 'livemode'> | undefined {
  const data = optionalObject(params, 'default_price_data');
  if (!data) return undefined;
  const currency = optionalString(data, 'currency');
  if (!currency) throw missingParam('default_price_data[currency]');
  const unitAmount = optionalInteger(data, 'unit_amount', 'default_price_data[unit_amount]');
  const unitAmountDecimal = optionalString(data, 'unit_amount_decimal');
  if (unitAmount === undefined && unitAmountDecimal === undefined) throw missingParam('default_price_data[unit_amount]');
  const recurring = optionalObject(data, 'recurring');
  const interval = recurring ? oneOf(recurring, 'interval', ['day', 'week', 'month', 'year'] as const) : undefined;
  if (recurring && !interval) throw missingParam('default_price_data[recurring][interval]');
  return {
    currency: currency.toLowerCase(),
    unitAmount: unitAmount ?? (Number.isInteger(Number(unitAmountDecimal)) ? Number(unitAmountDecimal) : null),
    unitAmountDecimal,
    metadata: metadataParam(data) ?? {},
    recurring: interval
      ? {
          interval,
          interval_count: optionalInteger(recurring!, 'interval_count', 'default_price_data[recurring][interval_count]') ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
  };
}

export const products: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/products',
      params: ['id', 'type', 'default_price_data', ...WRITABLE],
      handle(call) {
        const { params, services, request } = call;
        const name = requiredString(params, 'name');
        const id = optionalString(params, 'id') ?? newId('prod');
        if (services.store.find(id)) throw invalidRequest(`Product already exists.`, { param: 'id', code: 'resource_already_exists' });
        const now = unixNow();
        const product: Stripe.Product = {
          id,
          object: 'product',
          active: true,
          created: now,
          default_price: null,
          description: null,
          images: [],
          livemode: services.store.livemode,
          marketing_features: [],
          metadata: {},
          name,
          package_dimensions: null,
          shippable: null,
          statement_descriptor: null,
          tax_code: null,
          tax_details: null,
          type: optionalString(params, 'type') === 'good' ? 'good' : 'service',
          unit_label: null,
          updated: now,
          url: null,
        };
        applyWritable(product, params);
        const defaultPriceFields = defaultPriceData(params);
        const defaultPrice =
          defaultPriceFields && newPriceObject({ ...defaultPriceFields, product: product.id, livemode: product.livemode });
        if (defaultPrice) product.default_price = defaultPrice.id;
        services.store.add('product', product);
        services.events.emit('product.created', product, { request });
        if (defaultPrice) {
          services.store.add('price', defaultPrice);
          services.events.emit('price.created', defaultPrice, { request });
        }
        return product;
      },
    },
    { method: 'GET', path: '/v1/products/:id', params: [], handle: findProduct },
    {
      method: 'POST',
      path: '/v1/products/:id',
      params: [...WRITABLE, 'default_price'],
      handle(call) {
        const product = findProduct(call);
        const before = { ...product };
        applyWritable(product, call.params);
        const defaultPrice = nullableString(call.params, 'default_price');
        if (defaultPrice !== undefined) {
          if (defaultPrice !== null && call.services.store.get('price', defaultPrice)?.product !== product.id) {
            throw resourceMissing('price', defaultPrice, 'default_price');
          }
          product.default_price = defaultPrice;
        }
        const previous = changedFields(before, product);
        if (previous) {
          product.updated = unixNow();
          call.services.events.emit('product.updated', product, { request: call.request, previous });
        }
        return product;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/products/:id',
      params: [],
      handle(call) {
        const product = findProduct(call);
        if (call.services.store.all('price').some((price) => price.product === product.id)) {
          throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.', {
            code: 'product_has_prices',
          });
        }
        call.services.store.remove('product', product.id);
        call.services.events.emit('product.deleted', product, { request: call.request });
        const deleted: Stripe.DeletedProduct = { id: product.id, object: 'product', deleted: true };
        return deleted;
      },
    },
    {
      method: 'GET',
      path: '/v1/products',
      params: [...LIST_PARAMS, 'active', 'ids', 'shippable', 'url'],
      handle({ params, services }) {
        const active = optionalBoolean(params, 'active');
        const ids = optionalStringArray(params, 'ids');
        const shippable = optionalBoolean(params, 'shippable');
        const url = optionalString(params, 'url');
        const items = services.store
          .all('product')
          .filter(
            (p) =>
              (active === undefined || p.active === active) &&
              (!ids || ids.includes(p.id)) &&
              (shippable === undefined || p.shippable === shippable) &&
              (url === undefined || p.url === url),
          );
        return paginate(items, params, '/v1/products', 'product');
      },
    },
  ],
};
