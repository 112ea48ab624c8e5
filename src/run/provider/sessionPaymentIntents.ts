import type Stripe from 'stripe';

/** The id of an expandable field: the string itself, or the expanded object's `id`. */
export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/**
 * The payment intents behind a checkout session, found as they must be against Stripe: a payment-mode session's
 * `payment_intent`; a subscription-mode session has `payment_intent: null` (its payment is its first invoice's), so
 * those of its `invoice`'s payments (`expand[]=payments`: since API version 2025-03-31 an invoice's payment intent is
 * only there). None while the session is unpaid.
 */
export async function sessionPaymentIntentIds(provider: Stripe, session: Stripe.Checkout.Session): Promise<string[]> {
  const direct = idOf(session.payment_intent);
  if (direct) return [direct];
  const invoiceId = idOf(session.invoice);
  if (!invoiceId) return [];
  const invoice = await provider.invoices.retrieve(invoiceId, { expand: ['payments'] });
  return (invoice.payments?.data ?? []).flatMap((payment) => {
    const id = idOf(payment.payment.payment_intent);
    return id ? [id] : [];
  });
}
