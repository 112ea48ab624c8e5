import type { PriceReference, TargetCatalogue } from '../../model/target/contract';

/** One price the target sells, as preflight checks it against the provider and the referral programme. */
export interface CatalogueEntry {
  /** "Rehearsal T-shirt (product tshirt)". */
  label: string;
  name: string;
  unitAmount: number;
  currency: string;
  price: PriceReference;
  /** Absent for a payment-only merchant (no referral programme). */
  expectedCommission?: number;
  /** Set for a subscription plan. */
  recurring?: { interval: string; intervalCount: number };
}

/**
 * The product (when sold: a subscription-only merchant has none), the zero-decimal product (when sold) and every
 * plan, in that order.
 */
export function catalogueEntries(catalogue: TargetCatalogue): CatalogueEntry[] {
  const products = [catalogue.product, catalogue.zeroDecimalProduct].filter((product) => product !== undefined);
  return [
    ...products.map((product) => ({
      label: `${product.name} (product ${product.slug})`,
      name: product.name,
      unitAmount: product.unitAmount,
      currency: product.currency,
      price: product.price,
      expectedCommission: product.expectedCommission,
    })),
    ...catalogue.plans.map((plan) => ({
      label: `${plan.name} (plan ${plan.slug})`,
      name: plan.name,
      unitAmount: plan.unitAmount,
      currency: plan.currency,
      price: plan.price,
      expectedCommission: plan.expectedCommission,
      recurring: { interval: plan.interval, intervalCount: plan.intervalCount },
    })),
  ];
}

/** How the target names a price: "lookup key demo_tshirt" or "price price_123". */
export function describePriceReference(price: PriceReference): string {
  if (price.id) return `price ${price.id}`;
  if (price.lookupKey) return `lookup key ${price.lookupKey}`;
  return 'no price reference';
}
