import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import { missingParam } from '../core/errors';
import { metadataParam, type Params } from '../core/params';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';

/** Checks `product_data` before anything is written; `paramPath` is e.g. `line_items[0][price_data][product_data]`. */
export function validateProductData(data: Params, paramPath: string): void {
  if (typeof data.name !== 'string' || data.name === '') throw missingParam(`${paramPath}[name]`);
  metadataParam(data);
}

/** The product Stripe creates for `product_data` on a price or a checkout line item (validated first). */
export function createProductFromData(services: ProviderServices, data: Params, request: RequestRef): Stripe.Product {
  const name = String(data.name);
  const now = unixNow();
  const product: Stripe.Product = {
    id: newId('prod'),
    object: 'product',
    active: true,
    created: now,
    default_price: null,
    description: typeof data.description === 'string' ? data.description : null,
    images: [],
    livemode: services.store.livemode,
    marketing_features: [],
    metadata: metadataParam(data) ?? {},
    name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: now,
    url: null,
  };
  services.store.add('product', product);
  services.events.emit('product.created', product, { request });
  return product;
}
