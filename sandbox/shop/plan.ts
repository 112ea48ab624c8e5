import type Stripe from 'stripe';
import { priceByLookupKey, productIdOf } from './priceByLookupKey';

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

export interface PlanItem {
  slug: string;
  name: string;
  description: string;
  priceId: string;
  productId: string;
  unitAmount: number;
  currency: string;
  interval: Stripe.Price.Recurring.Interval;
}

/** Finds the plan's recurring price by lookup key, or creates the product and its monthly price. */
export async function ensurePlan(stripe: Stripe): Promise<PlanItem> {
  return toPlan(await priceByLookupKey(stripe, DEMO_PLAN));
}

function toPlan(price: Stripe.Price): PlanItem {
  return {
    slug: DEMO_PLAN.slug,
    name: DEMO_PLAN.name,
    description: DEMO_PLAN.description,
    priceId: price.id,
    productId: productIdOf(price),
    unitAmount: price.unit_amount ?? DEMO_PLAN.unitAmount,
    currency: price.currency,
    interval: price.recurring?.interval ?? DEMO_PLAN.interval,
  };
}

/** Test hooks (the test-clock field) are for test keys only: a live key never gets them. */
export function isLiveKey(secretKey: string): boolean {
  return /^(sk|rk)_live_/.test(secretKey);
}
