import type { Target } from '../../src/model/target/contract';
import { SeedError } from './seedError';

/** A product or plan of the target, as the provider must sell it. */
export interface CatalogueItem {
  slug: string;
  name: string;
  unitAmount: number;
  currency: string;
  lookupKey: string;
  /** Set for a plan. */
  recurring?: { interval: 'day' | 'week' | 'month' | 'year'; intervalCount: number };
  /** The commission the partner earns on one sale (one paid invoice), when the target says. */
  expectedCommission?: number;
}

/**
 * Every product and plan of the target's catalogue. A price named only by its id cannot be created (ids are the
 * provider's): that is a SeedError asking for a lookup key.
 */
export function catalogueItems(target: Target): CatalogueItem[] {
  const { product, zeroDecimalProduct, plans } = target.catalogue;
  const products = [product, zeroDecimalProduct].filter((item) => item !== undefined);
  const items = products.map((item) => ({
    slug: item.slug,
    name: item.name,
    unitAmount: item.unitAmount,
    currency: item.currency.toLowerCase(),
    lookupKey: lookupKeyOf(target.name, item.slug, item.price),
    ...(item.expectedCommission !== undefined ? { expectedCommission: item.expectedCommission } : {}),
  }));
  const planItems = plans.map((plan) => ({
    slug: plan.slug,
    name: plan.name,
    unitAmount: plan.unitAmount,
    currency: plan.currency.toLowerCase(),
    lookupKey: lookupKeyOf(target.name, plan.slug, plan.price),
    recurring: { interval: plan.interval, intervalCount: plan.intervalCount },
    ...(plan.expectedCommission !== undefined ? { expectedCommission: plan.expectedCommission } : {}),
  }));
  return [...items, ...planItems];
}

function lookupKeyOf(targetName: string, slug: string, price: { lookupKey?: string; id?: string }): string {
  if (price.lookupKey?.trim()) return price.lookupKey.trim();
  throw new SeedError(
    `targets/${targetName}: ${slug} names its price by id (${price.id ?? 'none'}), which a seed cannot create: ` +
      `give it price: { lookupKey: '…' } in target.ts (your app finds the price by that key).`,
  );
}

/** "2000 usd" or "1500 usd every month" / "every 3 months". */
export function describePrice(item: Pick<CatalogueItem, 'unitAmount' | 'currency' | 'recurring'>): string {
  const every = item.recurring
    ? item.recurring.intervalCount === 1
      ? ` every ${item.recurring.interval}`
      : ` every ${item.recurring.intervalCount} ${item.recurring.interval}s`
    : '';
  return `${item.unitAmount} ${item.currency}${every}`;
}
