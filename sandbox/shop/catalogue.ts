import type Stripe from 'stripe';

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
  const found = await stripe.prices.list({ lookup_keys: [DEMO_PRODUCT.lookupKey], active: true, limit: 1 });
  const existing = found.data[0];
  if (existing && existing.unit_amount !== null) return toItem(existing);

  const product = await stripe.products.create({
    name: DEMO_PRODUCT.name,
    description: DEMO_PRODUCT.description,
    metadata: { slug: DEMO_PRODUCT.slug },
  });
  const price = await stripe.prices.create({
    product: product.id,
    unit_amount: DEMO_PRODUCT.unitAmount,
    currency: DEMO_PRODUCT.currency,
    lookup_key: DEMO_PRODUCT.lookupKey,
  });
  return toItem(price);
}

function toItem(price: Stripe.Price): CatalogueItem {
  return {
    slug: DEMO_PRODUCT.slug,
    name: DEMO_PRODUCT.name,
    description: DEMO_PRODUCT.description,
    priceId: price.id,
    productId: typeof price.product === 'string' ? price.product : price.product.id,
    unitAmount: price.unit_amount ?? DEMO_PRODUCT.unitAmount,
    currency: price.currency,
  };
}
