import type Stripe from 'stripe';

/** The amount a commission is based on: what the customer paid, excluding tax, in minor units. */
export function saleAmountExcludingTax(session: Stripe.Checkout.Session): number {
  return (session.amount_total ?? 0) - (session.total_details?.amount_tax ?? 0);
}
