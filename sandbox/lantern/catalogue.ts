import type Stripe from 'stripe';

/** The lookup keys of the shop's two prices: the merchant's catalogue lives at Stripe, found by these keys. */
export const LANTERN_LOOKUP_KEY = 'lantern_desk_lantern';
export const PLAN_LOOKUP_KEY = 'lantern_oil_club_monthly';

export interface CatalogueItem {
  priceId: string;
  name: string;
  description: string | null;
  unitAmount: number;
  currency: string;
  /** Set for the plan: how often it is billed. */
  recurring: { interval: string; intervalCount: number } | null;
}

export interface Catalogue {
  lantern: CatalogueItem | undefined;
  plan: CatalogueItem | undefined;
}

/**
 * The active prices with the shop's lookup keys, read from Stripe on every page view (a price changed or created
 * in the dashboard shows at once). A key with no active price is absent: the pages say the item is unavailable.
 */
export async function loadCatalogue(stripe: Stripe): Promise<Catalogue> {
  const prices = await stripe.prices.list({
    lookup_keys: [LANTERN_LOOKUP_KEY, PLAN_LOOKUP_KEY],
    active: true,
    expand: ['data.product'],
    limit: 10,
  });
  const find = (key: string, type: Stripe.Price.Type) => {
    const price = prices.data.find((p) => p.lookup_key === key && p.type === type && p.unit_amount !== null);
    return price ? itemOf(price) : undefined;
  };
  return { lantern: find(LANTERN_LOOKUP_KEY, 'one_time'), plan: find(PLAN_LOOKUP_KEY, 'recurring') };
}

function itemOf(price: Stripe.Price): CatalogueItem {
  const product =
    typeof price.product === 'object' && price.product !== null && !('deleted' in price.product && price.product.deleted)
      ? (price.product as Stripe.Product)
      : undefined;
  return {
    priceId: price.id,
    name: product?.name ?? price.nickname ?? price.lookup_key ?? price.id,
    description: product?.description ?? null,
    unitAmount: price.unit_amount ?? 0,
    currency: price.currency,
    recurring: price.recurring ? { interval: price.recurring.interval, intervalCount: price.recurring.interval_count } : null,
  };
}

/** What a page says when a price is missing: the lookup key to create, so the go-live bug is obvious. */
export function missingPriceMessage(what: string, lookupKey: string): string {
  return `${what} is not available: the shop found no active price with the lookup key "${lookupKey}" at its payment provider.`;
}
