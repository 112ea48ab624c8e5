import type Stripe from 'stripe';
import { catalogueItemOf, type CatalogueItem } from '../merchant/catalogueItem';
import { priceByLookupKey } from '../merchant/priceByLookupKey';

/** The subscription the shop sells; the recurring price itself lives at the provider. */
export const DEMO_PLAN = {
  slug: 'club',
  name: 'Rehearsal Club',
  description: 'A new rehearsal T-shirt every month, for teams who rehearse every night.',
  unitAmount: 1500,
  currency: 'usd',
  interval: 'month',
  lookupKey: 'demo_club_monthly',
} as const;

/** The plan as the shop sells it: a catalogue item whose interval is always known. */
export type PlanItem = CatalogueItem & { interval: Stripe.Price.Recurring.Interval };

/** Finds the plan's recurring price by lookup key, or creates the product and its monthly price. */
export async function ensurePlan(stripe: Stripe): Promise<PlanItem> {
  return toPlan(await priceByLookupKey(stripe, DEMO_PLAN));
}

function toPlan(price: Stripe.Price): PlanItem {
  return { ...catalogueItemOf(DEMO_PLAN, price), interval: price.recurring?.interval ?? DEMO_PLAN.interval };
}
