import type Stripe from 'stripe';

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
  const found = await stripe.prices.list({ lookup_keys: [DEMO_PLAN.lookupKey], active: true, limit: 1 });
  const existing = found.data[0];
  if (existing && existing.unit_amount !== null && existing.recurring) return toPlan(existing);

  const product = await stripe.products.create({
    name: DEMO_PLAN.name,
    description: DEMO_PLAN.description,
    metadata: { slug: DEMO_PLAN.slug },
  });
  const price = await stripe.prices.create(
    {
      product: product.id,
      unit_amount: DEMO_PLAN.unitAmount,
      currency: DEMO_PLAN.currency,
      recurring: { interval: DEMO_PLAN.interval },
      lookup_key: DEMO_PLAN.lookupKey,
    },
  );
  return toPlan(price);
}

function toPlan(price: Stripe.Price): PlanItem {
  return {
    slug: DEMO_PLAN.slug,
    name: DEMO_PLAN.name,
    description: DEMO_PLAN.description,
    priceId: price.id,
    productId: typeof price.product === 'string' ? price.product : price.product.id,
    unitAmount: price.unit_amount ?? DEMO_PLAN.unitAmount,
    currency: price.currency,
    interval: price.recurring?.interval ?? DEMO_PLAN.interval,
  };
}

/** Test hooks (the test-clock field) are for test keys only: a live key never gets them. */
export function isLiveKey(secretKey: string): boolean {
  return /^(sk|rk)_live_/.test(secretKey);
}
