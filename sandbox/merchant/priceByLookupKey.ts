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
 * The item's active price at the provider, found by its lookup key (the way a merchant keeps one catalogue
 * across restarts and environments). Prices cannot change at the provider, so when the price found is not what
 * the shop sells (another amount, currency or interval, e.g. left by an older version of the shop), a new price
 * is created on the same product and takes the lookup key over (`transfer_lookup_key`). With none, a new product
 * and price are created.
 */
export async function priceByLookupKey(stripe: Stripe, item: SoldItem): Promise<Stripe.Price> {
  const found = await stripe.prices.list({ lookup_keys: [item.lookupKey], active: true, limit: 1 });
  const existing = found.data[0];
  if (existing && matches(existing, item)) return existing;

  const productId = existing
    ? productIdOf(existing)
    : (await stripe.products.create({ name: item.name, description: item.description, metadata: { slug: item.slug } })).id;
  return stripe.prices.create({
    product: productId,
    unit_amount: item.unitAmount,
    currency: item.currency,
    lookup_key: item.lookupKey,
    transfer_lookup_key: true,
    ...(item.interval ? { recurring: { interval: item.interval } } : {}),
  });
}

function matches(price: Stripe.Price, item: SoldItem): boolean {
  return (
    price.unit_amount === item.unitAmount &&
    price.currency === item.currency.toLowerCase() &&
    (price.recurring?.interval ?? undefined) === item.interval
  );
}

export function productIdOf(price: Stripe.Price): string {
  return typeof price.product === 'string' ? price.product : price.product.id;
}
