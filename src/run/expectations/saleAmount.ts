import type Stripe from 'stripe';

/** The amount a commission is based on: what the customer paid, excluding tax, in minor units. */
export function saleAmountExcludingTax(session: Stripe.Checkout.Session): number {
  return (session.amount_total ?? 0) - (session.total_details?.amount_tax ?? 0);
}

/**
 * The sale amount of a payment: a checkout session's total excluding tax; a payment intent's amount (a payment
 * intent carries no tax breakdown, so all of it is the sale).
 */
export function paymentSaleAmount(paid: { session?: Stripe.Checkout.Session; paymentIntent: Stripe.PaymentIntent }): number {
  return paid.session ? saleAmountExcludingTax(paid.session) : paid.paymentIntent.amount;
}
