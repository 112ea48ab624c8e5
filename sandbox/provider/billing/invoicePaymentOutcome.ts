import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { changedFields } from '../resources/changedFields';
import { customerNow } from './periods';

const RETRY_AFTER_S = 3 * 24 * 60 * 60;

/** The invoice (and its invoice payment) a PaymentIntent was created to pay, if any. */
export function invoicePaymentOf(
  services: ProviderServices,
  intentId: string,
): { invoice: Stripe.Invoice; payment: Stripe.InvoicePayment } | undefined {
  for (const [invoiceId, payments] of services.store.invoicePayments) {
    const payment = payments.find((p) => p.payment.payment_intent === intentId);
    const invoice = payment && services.store.get('invoice', invoiceId);
    if (payment && invoice) return { invoice, payment };
  }
  return undefined;
}

/** A failed payment attempt: counted, a retry planned for renewals, `invoice.payment_failed`. */
export function recordFailedAttempt(services: ProviderServices, invoice: Stripe.Invoice, at: number, request: RequestRef): void {
  invoice.attempted = true;
  invoice.attempt_count += 1;
  // Stripe retries renewals on its own; a first invoice waits for the customer to pay it (it expires after 23 h).
  invoice.next_payment_attempt = invoice.billing_reason === 'subscription_create' ? null : at + RETRY_AFTER_S;
  services.events.emit('invoice.payment_failed', invoice, { request });
}

/** Marks an open invoice paid (and its invoice payment): `invoice.paid`, then `invoice.payment_succeeded`. */
export function markInvoicePaid(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  payment: Stripe.InvoicePayment | undefined,
  at: number,
  request: RequestRef,
): void {
  if (payment) {
    invoice.attempted = true;
    invoice.attempt_count += 1;
    payment.status = 'paid';
    payment.amount_paid = invoice.amount_due;
    payment.status_transitions.paid_at = at;
  }
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = at;
  services.events.emit('invoice.paid', invoice, { request });
  services.events.emit('invoice.payment_succeeded', invoice, { request });
}

/**
 * A paid invoice brings its subscription back to `active` (`customer.subscription.updated` with
 * `previous_attributes`): an `incomplete` one whose first invoice this is, or a `past_due` / `unpaid` one whose
 * latest invoice this is (SDK types: `past_due` "when payment is required but cannot be paid"; paying that invoice
 * ends the need; the sandbox does not emulate Stripe's retry schedule or its move to `unpaid`). With
 * `payment_settings.save_default_payment_method=on_subscription` the card that paid a first invoice becomes its
 * `default_payment_method`, so renewals charge it.
 */
export function activateAfterPayment(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  paymentMethodId: string | null,
  request: RequestRef,
): void {
  const subscriptionId = invoice.parent?.subscription_details?.subscription;
  const subscription = typeof subscriptionId === 'string' ? services.store.get('subscription', subscriptionId) : undefined;
  if (!subscription) return;
  const latest = typeof subscription.latest_invoice === 'string' ? subscription.latest_invoice : subscription.latest_invoice?.id;
  const first = subscription.status === 'incomplete';
  const overdue = (subscription.status === 'past_due' || subscription.status === 'unpaid') && latest === invoice.id;
  if (!first && !overdue) return;
  const before = snapshot(subscription);
  subscription.status = 'active';
  const saved = paymentMethodId ? services.store.get('payment_method', paymentMethodId) : undefined;
  if (first && saved && subscription.payment_settings?.save_default_payment_method === 'on_subscription')
    subscription.default_payment_method = saved.id;
  const previous = changedFields(before, subscription);
  if (previous) services.events.emit('customer.subscription.updated', subscription, { request, previous });
}

/**
 * What a subscription invoice's PaymentIntent outcome does to the invoice, however the intent was confirmed
 * (a renewal, the hosted page, `POST /v1/payment_intents/:id/confirm`, the Payment Element): succeeded → the
 * invoice is paid and an incomplete subscription activated; failed → a failed attempt on the invoice.
 * PaymentIntents that pay no open invoice are left alone.
 */
export function settleInvoiceOfIntent(
  services: ProviderServices,
  intent: Stripe.PaymentIntent,
  succeeded: boolean,
  request: RequestRef,
): void {
  const found = invoicePaymentOf(services, intent.id);
  if (!found || found.invoice.status !== 'open') return;
  const { invoice, payment } = found;
  // The invoice's own time line (a renewal runs at its period end while the clock is still advancing).
  const at = Math.max(customerNow(services, String(invoice.customer)), invoice.status_transitions.finalized_at ?? invoice.created);
  if (!succeeded) {
    recordFailedAttempt(services, invoice, at, request);
    return;
  }
  markInvoicePaid(services, invoice, payment, at, request);
  activateAfterPayment(
    services,
    invoice,
    typeof intent.payment_method === 'string' ? intent.payment_method : (intent.payment_method?.id ?? null),
    request,
  );
}
