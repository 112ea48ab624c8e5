import type Stripe from 'stripe';
import type { DubCommission } from '../objects';
import { hasDubFault } from '../faults';
import { idOf, type StripeAppContext } from './context';

/**
 * charge.refunded (SRC app/(ee)/api/stripe/integration/webhook/charge-refunded.ts; https://dub.co/docs/conversions/sales/refunds):
 * the commission of the refunded sale becomes `refunded` (any refund, partial or full, refunds the whole commission in
 * Dub's code), unless it is `paid` (then nothing changes: a clawback is the merchant's job). Dub sends no webhook for
 * it (there is no refund or commission-updated event).
 *
 * Finding the commission: Dub's code looks the charge's payment intent up in Stripe's invoice payments and takes the
 * commission of that invoice; a charge without an invoice (a one-time Checkout without `invoice_creation`) is skipped
 * ("Charge … has no invoice, skipping..."). The docs promise refunds "automatically tracked without any additional
 * setup"; guess: the emulation keeps that promise for such charges by the payment intent of the Checkout Session the
 * sale stored, unless the fault `dub.refund-without-invoice-ignored` asks for the source's behaviour.
 */
export async function chargeRefunded(context: StripeAppContext, charge: Stripe.Charge): Promise<string> {
  const { store, stripe, faults } = context;
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return `Charge ${charge.id} has no payment intent, skipping...`;
  const invoicePayments = await stripe.invoicePayments.list({ payment: { payment_intent: paymentIntent, type: 'payment_intent' } });
  const invoiceId = idOf(invoicePayments.data[0]?.invoice);

  let commission: DubCommission | undefined;
  if (invoiceId) {
    commission = [...store.commissions.values()].find((c) => c.invoiceId === invoiceId && c.programId === store.program.id);
    if (!commission) return `Commission not found for invoice ${invoiceId}`;
  } else {
    if (hasDubFault(faults, 'dub.refund-without-invoice-ignored')) return `Charge ${charge.id} has no invoice, skipping...`;
    const sale = store.sales.find((candidate) => checkoutPaymentIntent(candidate.metadata) === paymentIntent);
    commission = sale ? [...store.commissions.values()].find((c) => c.eventId === sale.eventId) : undefined;
    if (!commission) return `Charge ${charge.id} has no invoice and no recorded sale, skipping...`;
  }
  if (commission.status === 'paid') return `Commission ${commission.id} is already paid, skipping...`;
  commission.status = 'refunded';
  commission.updatedAt = new Date().toISOString();
  return `Commission ${commission.id} updated to status "refunded"`;
}

function checkoutPaymentIntent(metadata: Record<string, unknown> | null): string | null {
  const session = metadata?.checkoutSession as { payment_intent?: string | { id: string } | null } | undefined;
  return idOf(session?.payment_intent);
}
