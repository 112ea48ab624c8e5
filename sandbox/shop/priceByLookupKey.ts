import type Stripe from 'stripe';

export interface SoldItem {
  slug: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
  lookupKey: string;
  /** Set for a subscription plan. */
  interval?: Stripe.Price.Recurring.Interval;
}

/**
 * The item's active price at the provider, found by its lookup key, or a new product and price when there is none
 * (the way a merchant keeps one catalogue across restarts and environments).
 */
export async function priceByLookupKey(stripe: Stripe, item: SoldItem): Promise<Stripe.Price> {
  const found = await stripe.prices.list({ lookup_keys: [item.lookupKey], active: true, limit: 1 });
  const existing = found.data[0];
  if (existing && existing.unit_amount !== null && Boolean(existing.recurring) === Boolean(item.interval)) return existing;

  const product = await stripe.products.create({ name: item.name, description: item.description, metadata: { slug: item.slug } });
  return stripe.prices.create({
    product: product.id,
    unit_amount: item.unitAmount,
    currency: item.currency,
    lookup_key: item.lookupKey,
    ...(item.interval ? { recurring: { interval: item.interval } } : {}),
  });
}

export function productIdOf(price: Stripe.Price): string {
  return typeof price.product === 'string' ? price.product : price.product.id;
}
