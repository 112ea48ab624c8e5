import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import { isZeroDecimal } from '../currencies';
import { catalogueItemOf, type CatalogueItem } from '../merchant/catalogueItem';
import { priceByLookupKey, type SoldItem } from '../merchant/priceByLookupKey';

/** The T-shirt: the shop's first product, priced in cents. */
export const DEMO_PRODUCT = {
  slug: 'tshirt',
  name: 'Rehearsal T-shirt',
  description: 'A soft cotton T-shirt for everyone who rehearses before go-live.',
  unitAmount: 2000,
  currency: 'usd',
  lookupKey: 'demo_tshirt',
} as const;

/** The tenugui: priced in yen, a zero-decimal currency (1500 jpy is ¥1,500, not ¥15.00). */
export const DEMO_ZERO_DECIMAL_PRODUCT = {
  slug: 'tenugui',
  name: 'Rehearsal Tenugui',
  description: 'A cotton hand towel from Japan, printed with the rehearsal checklist.',
  unitAmount: 1500,
  currency: 'jpy',
  lookupKey: 'demo_tenugui_jpy',
} as const;

/** Every one-time product the shop sells, in the order the landing page shows them. */
export const DEMO_PRODUCTS: readonly SoldItem[] = [DEMO_PRODUCT, DEMO_ZERO_DECIMAL_PRODUCT];

/**
 * Finds each product's price by lookup key, or creates the product and its price when the provider has none
 * (or only one that no longer matches what the shop sells). Faults are read here, once, at start-up.
 */
export async function ensureCatalogue(stripe: Stripe, faults: FaultSwitches): Promise<CatalogueItem[]> {
  const items: CatalogueItem[] = [];
  for (const product of DEMO_PRODUCTS) {
    const price = await priceByLookupKey(stripe, { ...product, unitAmount: unitAmountAtProvider(product, faults) });
    items.push(catalogueItemOf(product, price));
  }
  return items;
}

/**
 * The amount the shop's code sends to the provider. The defect `shop.jpy-scaled-by-100`: yen are multiplied
 * by 100 as if they had cents (the usual `price * 100` written for dollars), so the tenugui costs 150000 jpy.
 */
function unitAmountAtProvider(product: SoldItem, faults: FaultSwitches): number {
  const scaled = faults.has('shop.jpy-scaled-by-100') && isZeroDecimal(product.currency);
  return scaled ? product.unitAmount * 100 : product.unitAmount;
}

/** The product with this slug, if the shop sells it. */
export function productBySlug(products: readonly CatalogueItem[], slug: string): CatalogueItem | undefined {
  return products.find((product) => product.slug === slug);
}
