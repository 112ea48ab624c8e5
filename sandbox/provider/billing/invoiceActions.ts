import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { cardDeclineError } from '../payments/payWithCard';
import { chargedPaymentMethod, finalizeDraft, openInvoicePayment, payInvoice } from './invoicing';
import { customerNow } from './periods';

/**
 * An invoice's life as Stripe's invoicing docs draw it: `draft` → (finalize) `open` → `paid` | `void` |
 * `uncollectible`; an uncollectible invoice can still be paid or voided; `paid` and `void` are final ("You can only
 * void invoices when they're open or uncollectible", Stripe's invoice status docs). Refusals are 400
 * `invalid_request_error`s; the wordings are the sandbox's own but for finalize's, which is Stripe's ("This invoice
 * is already finalized, you can't re-finalize a non-draft invoice.", as merchants' logs quote it).
 */
export function finalizeInvoice(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  autoAdvance: boolean | undefined,
  request: RequestRef,
): void {
  if (invoice.status !== 'draft') throw invalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.");
  if (autoAdvance !== undefined) invoice.auto_advance = autoAdvance;
  finalizeDraft(services, invoice, nowFor(services, invoice), request);
  // Nothing due (a $0 invoice, or one the customer's credit covers): Stripe marks it paid as it finalizes.
  if (invoice.amount_due === 0) payInvoice(services, invoice, { paymentMethod: null }, nowFor(services, invoice), request);
  // Otherwise the finalized invoice gets the PaymentIntent that will pay it (`payment_intent.created`, `invoice.payments`).
  else openInvoicePayment(services, invoice, nowFor(services, invoice), request);
}

/**
 * `POST /v1/invoices/:id/pay`: a draft is finalized first; an open or uncollectible invoice is charged now with
 * `payment_method` (which must be the customer's), else the invoice's `default_payment_method`, else its
 * subscription's, else the customer's `invoice_settings.default_payment_method` (the order `InvoiceCreateParams.
 * default_payment_method` documents). Success: `paid` (`invoice.paid`, `invoice.payment_succeeded`; a `past_due`
 * subscription whose latest invoice it is becomes `active`). A decline records the failed attempt
 * (`invoice.payment_failed`) and answers Stripe's 402 `card_error`; no payment method at all is a 400.
 */
export function payInvoiceNow(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  paymentMethodId: string | undefined,
  request: RequestRef,
): Stripe.Invoice {
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid.');
  if (invoice.status === 'void') throw invalidRequest('This invoice is void and can no longer be paid.');
  const method = paymentMethodFor(services, invoice, paymentMethodId);
  if (invoice.status === 'draft') finalizeDraft(services, invoice, nowFor(services, invoice), request);
  if (invoice.amount_due > 0 && !method) {
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
      { code: 'resource_missing' },
    );
  }
  const wasUncollectible = invoice.status === 'uncollectible';
  if (wasUncollectible) invoice.status = 'open'; // paying an uncollectible invoice goes through the same settlement
  const paid = payInvoice(services, invoice, { paymentMethod: method }, nowFor(services, invoice), request);
  if (paid) return invoice;
  if (wasUncollectible) invoice.status = 'uncollectible';
  const outcome = method ? services.store.paymentMethodCards.get(method.id)?.outcome : undefined;
  const intentId = services.store.invoicePayments.get(invoice.id)?.find((p) => p.is_default)?.payment.payment_intent;
  const intent = intentId ? services.store.get('payment_intent', String(intentId)) : undefined;
  throw outcome?.kind === 'declined' ? cardDeclineError(outcome, intent) : invalidRequest('The invoice could not be paid.');
}

/**
 * `POST /v1/invoices/:id/void` (open or uncollectible only): `void`, `voided_at`, its open payment canceled and that
 * PaymentIntent canceled (`payment_intent.canceled`, `cancellation_reason: void_invoice`), then `invoice.voided`.
 */
export function voidInvoice(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  request: RequestRef,
  at = nowFor(services, invoice),
): void {
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
    throw invalidRequest(`You can only void open or uncollectible invoices; this invoice is ${invoice.status}.`);
  }
  invoice.status = 'void';
  invoice.status_transitions.voided_at = at;
  invoice.next_payment_attempt = null;
  invoice.auto_advance = false;
  for (const payment of services.store.invoicePayments.get(invoice.id) ?? []) {
    if (payment.status !== 'open') continue;
    payment.status = 'canceled';
    payment.status_transitions.canceled_at = at;
    const intent = payment.payment.payment_intent
      ? services.store.get('payment_intent', String(payment.payment.payment_intent))
      : undefined;
    if (intent && intent.status !== 'succeeded' && intent.status !== 'canceled') {
      intent.status = 'canceled';
      intent.canceled_at = at;
      intent.cancellation_reason = 'void_invoice';
      services.events.emit('payment_intent.canceled', intent, { request });
    }
  }
  services.events.emit('invoice.voided', invoice, { request });
}

/** `POST /v1/invoices/:id/mark_uncollectible` (open only): `uncollectible`, `marked_uncollectible_at`, `invoice.marked_uncollectible`. */
export function markUncollectible(services: ProviderServices, invoice: Stripe.Invoice, request: RequestRef): void {
  if (invoice.status !== 'open')
    throw invalidRequest(`You can only mark open invoices as uncollectible; this invoice is ${invoice.status}.`);
  invoice.status = 'uncollectible';
  invoice.status_transitions.marked_uncollectible_at = nowFor(services, invoice);
  invoice.next_payment_attempt = null;
  invoice.auto_advance = false;
  services.events.emit('invoice.marked_uncollectible', invoice, { request });
}

/** `DELETE /v1/invoices/:id` (drafts only): gone (`invoice.deleted`); its invoice items are pending again. */
export function deleteDraft(services: ProviderServices, invoice: Stripe.Invoice, request: RequestRef): Stripe.DeletedInvoice {
  if (invoice.status !== 'draft') throw invalidRequest('You can only delete draft invoices. Void a finalized invoice instead.');
  services.store.remove('invoice', invoice.id);
  for (const item of services.store.all('invoiceitem').filter((i) => i.invoice === invoice.id)) item.invoice = null;
  services.events.emit('invoice.deleted', invoice, { request });
  return { id: invoice.id, object: 'invoice', deleted: true };
}

/** The PaymentMethod `/pay` charges (see payInvoiceNow); `payment_method` must belong to the invoice's customer. */
function paymentMethodFor(services: ProviderServices, invoice: Stripe.Invoice, given: string | undefined): Stripe.PaymentMethod | null {
  const customer = String(invoice.customer);
  if (given !== undefined) {
    const method = services.store.get('payment_method', given);
    if (!method)
      throw invalidRequest(`No such PaymentMethod: '${given}'`, { param: 'payment_method', code: 'resource_missing', status: 404 });
    if (method.customer !== customer) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${given}. The payment method must be attached to the customer.`,
        { param: 'payment_method', code: 'resource_missing' },
      );
    }
    return method;
  }
  const subscriptionId = invoice.parent?.subscription_details?.subscription;
  const subscription = typeof subscriptionId === 'string' ? services.store.get('subscription', subscriptionId) : undefined;
  return chargedPaymentMethod(services, invoice.default_payment_method ?? subscription?.default_payment_method ?? null, customer);
}

function nowFor(services: ProviderServices, invoice: Stripe.Invoice): number {
  return customerNow(services, String(invoice.customer));
}
