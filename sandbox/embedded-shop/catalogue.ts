import type Stripe from 'stripe';
import { catalogueItemOf, type CatalogueItem } from '../merchant/catalogueItem';
import { priceByLookupKey, type SoldItem } from '../merchant/priceByLookupKey';

/** The matcha set: Kissa's first product, in yen (a zero-decimal currency: 3200 jpy is ¥3,200). */
export const KISSA_MATCHA_SET = {
  slug: 'matcha-set',
  name: 'Matcha set',
  description: 'A bamboo whisk, a scoop and 30 g of ceremonial matcha from Uji.',
  unitAmount: 3200,
  currency: 'jpy',
  lookupKey: 'kissa_matcha_set_jpy',
} as const;

/** The sencha: a first-flush green tea, 100 g. */
export const KISSA_SENCHA = {
  slug: 'sencha',
  name: 'Sencha, first flush',
  description: '100 g of first-flush sencha from Shizuoka, picked in May.',
  unitAmount: 1500,
  currency: 'jpy',
  lookupKey: 'kissa_sencha_jpy',
} as const;

/** The monthly plan: its recurring price lives at the provider. */
export const KISSA_PLAN = {
  slug: 'tea-club',
  name: 'Kissa Tea Club',
  description: 'Three seasonal teas in your letterbox every month.',
  unitAmount: 2000,
  currency: 'jpy',
  interval: 'month',
  lookupKey: 'kissa_tea_club_monthly_jpy',
} as const;

/** Every one-time product, in the order the landing page shows them. */
export const KISSA_PRODUCTS: readonly SoldItem[] = [KISSA_MATCHA_SET, KISSA_SENCHA];

/** A product or the plan as the shop sells it, with its price at the provider (`interval` set for the plan). */
export type KissaItem = CatalogueItem;

/** Finds (or creates) every product's price and the plan's by lookup key, at start-up. */
export async function ensureKissaCatalogue(stripe: Stripe): Promise<{ products: KissaItem[]; plan: KissaItem }> {
  const products: KissaItem[] = [];
  for (const product of KISSA_PRODUCTS) products.push(catalogueItemOf(product, await priceByLookupKey(stripe, product)));
  const plan = catalogueItemOf(KISSA_PLAN, await priceByLookupKey(stripe, KISSA_PLAN));
  return { products, plan };
}
