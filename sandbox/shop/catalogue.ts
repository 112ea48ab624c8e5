import type Stripe from 'stripe';
import { priceByLookupKey, productIdOf } from './priceByLookupKey';

/** What the shop sells, as the shop describes it; the price itself lives at the provider. */
export const DEMO_PRODUCT = {
  slug: 'tshirt',
  name: 'Rehearsal T-shirt',
  description: 'A soft cotton T-shirt for everyone who rehearses before go-live.',
  unitAmount: 2000,
  currency: 'usd',
  lookupKey: 'demo_tshirt',
} as const;

export interface CatalogueItem {
  slug: string;
  name: string;
  description: string;
  priceId: string;
  productId: string;
  unitAmount: number;
  currency: string;
}

/** Finds the demo price by lookup key, or creates the product and its price when the provider has none. */
export async function ensureCatalogue(stripe: Stripe): Promise<CatalogueItem> {
  return toItem(await priceByLookupKey(stripe, DEMO_PRODUCT));
}

function toItem(price: Stripe.Price): CatalogueItem {
  return {
    slug: DEMO_PRODUCT.slug,
    name: DEMO_PRODUCT.name,
    description: DEMO_PRODUCT.description,
    priceId: price.id,
    productId: productIdOf(price),
    unitAmount: price.unit_amount ?? DEMO_PRODUCT.unitAmount,
    currency: price.currency,
  };
}
