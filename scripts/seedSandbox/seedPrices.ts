import type Stripe from 'stripe';
import { describePrice, type CatalogueItem } from './catalogueItems';
import type { SeedStep } from './seedResult';

/**
 * The item's active price at the provider, found by its lookup key. None: a new product and price. One that sells
 * something else (amount, currency, interval: prices cannot change at the provider): a new price on the same product
 * takes the lookup key over (`transfer_lookup_key`, as Stripe does), so the merchant's lookup finds the new one.
 */
export async function seedPrice(stripe: Stripe, item: CatalogueItem): Promise<SeedStep> {
  const found = (await stripe.prices.list({ lookup_keys: [item.lookupKey], active: true, limit: 1 })).data[0];
  const wanted = describePrice(item);
  if (found && sellsItem(found, item)) return { changed: false, line: `price ${item.lookupKey}: ${wanted}, as the target sells it` };

  const product = found
    ? typeof found.product === 'string'
      ? found.product
      : found.product.id
    : (await stripe.products.create({ name: item.name, metadata: { slug: item.slug } })).id;
  await stripe.prices.create({
    product,
    unit_amount: item.unitAmount,
    currency: item.currency,
    lookup_key: item.lookupKey,
    ...(found ? { transfer_lookup_key: true } : {}),
    ...(item.recurring ? { recurring: { interval: item.recurring.interval, interval_count: item.recurring.intervalCount } } : {}),
  });
  if (!found) return { changed: true, line: `created product "${item.name}" and price ${item.lookupKey}: ${wanted}` };
  return {
    changed: true,
    line: `created price ${item.lookupKey}: ${wanted} on product ${product}; it took the lookup key over from ${found.id} (${describeFound(found)})`,
  };
}

function sellsItem(price: Stripe.Price, item: CatalogueItem): boolean {
  return (
    price.unit_amount === item.unitAmount &&
    price.currency === item.currency &&
    (price.recurring?.interval ?? undefined) === item.recurring?.interval &&
    (price.recurring?.interval_count ?? undefined) === item.recurring?.intervalCount
  );
}

function describeFound(price: Stripe.Price): string {
  return describePrice({
    unitAmount: price.unit_amount ?? 0,
    currency: price.currency,
    ...(price.recurring
      ? {
          recurring: {
            interval: price.recurring.interval as 'day' | 'week' | 'month' | 'year',
            intervalCount: price.recurring.interval_count,
          },
        }
      : {}),
  });
}
