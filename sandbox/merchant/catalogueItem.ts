import type Stripe from 'stripe';
import { productIdOf, type SoldItem } from './priceByLookupKey';

/** A product or a plan as a shop sells it, with its price at the provider. */
export interface CatalogueItem {
  slug: string;
  name: string;
  description: string;
  priceId: string;
  productId: string;
  unitAmount: number;
  currency: string;
  /** Set for a plan (a recurring price). */
  interval?: Stripe.Price.Recurring.Interval;
}

/** The item in the shop's own words, with the amount, currency and interval its price at the provider has. */
export function catalogueItemOf(item: SoldItem, price: Stripe.Price): CatalogueItem {
  return {
    slug: item.slug,
    name: item.name,
    description: item.description,
    priceId: price.id,
    productId: productIdOf(price),
    unitAmount: price.unit_amount ?? item.unitAmount,
    currency: price.currency,
    ...(price.recurring ? { interval: price.recurring.interval } : {}),
  };
}
