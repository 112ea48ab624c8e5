/** The success page (the payment's return URL) of a payment intent. */
export function completeUrl(paymentIntentId: string): string {
  return `/orders/complete?payment_intent=${encodeURIComponent(paymentIntentId)}`;
}
