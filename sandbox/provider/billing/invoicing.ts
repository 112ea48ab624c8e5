import type Stripe from 'stripe';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { newPaymentIntent } from '../payments/paymentIntentObject';
import { payWithCard, type BillingDetails } from '../payments/payWithCard';
import { newInvoice, type InvoiceFields } from './invoiceObject';
import { activateAfterPayment, markInvoicePaid, recordFailedAttempt } from './invoicePaymentOutcome';

/**
 * Creates an invoice (not yet announced): a subscription's becomes its latest invoice, and the pending invoice items
 * it sweeps in (prorations) now belong to it (`invoice` set, as Stripe's invoice items show).
 */
export function createInvoice(services: ProviderServices, fields: InvoiceFields): Stripe.Invoice {
  const invoice = services.store.add('invoice', newInvoice(services, fields));
  // A one-off invoice for a subscription's pending items leaves its billing cycle alone (`InvoiceCreateParams.subscription`).
  if (fields.subscription && fields.billingReason !== 'manual') fields.subscription.latest_invoice = invoice.id;
  for (const item of fields.invoiceItems ?? []) item.invoice = invoice.id;
  return invoice;
}

/** `invoice.created`, then finalization (number, `open`) and `invoice.finalized`, as Stripe does for automatic collection. */
export function issueInvoice(services: ProviderServices, invoice: Stripe.Invoice, at: number, request: RequestRef): void {
  services.events.emit('invoice.created', invoice, { request });
  finalizeDraft(services, invoice, at, request);
}

/**
 * Finalizes a draft: its number, the customer's balance applied (Stripe's `Customer.balance`: "If negative, the
 * customer has credit to apply to their next invoice. If positive, the customer has an amount owed that will be
 * added to their next invoice"; `starting_balance`, `ending_balance`), `open`, then `invoice.finalized`.
 */
export function finalizeDraft(services: ProviderServices, invoice: Stripe.Invoice, at: number, request: RequestRef): void {
  const customer = services.store.get('customer', String(invoice.customer));
  if (customer) {
    invoice.number = `${customer.invoice_prefix ?? 'SBX'}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
    customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
    applyCustomerBalance(services, invoice, customer, request);
  }
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = at;
  invoice.effective_at = at;
  invoice.next_payment_attempt = invoice.auto_advance && invoice.amount_due > 0 ? at : null;
  services.events.emit('invoice.finalized', invoice, { request });
}

/**
 * The customer's balance meets the invoice's total: what is owed is added, a credit taken off (down to 0 due); a
 * negative total (a downgrade's credit proration) becomes credit. The customer's new balance is written with
 * `customer.updated` (`previous_attributes.balance`; Stripe also keeps customer balance transactions, which the
 * sandbox does not emulate).
 */
function applyCustomerBalance(services: ProviderServices, invoice: Stripe.Invoice, customer: Stripe.Customer, request: RequestRef): void {
  const balance = customer.balance;
  const due = invoice.total + balance;
  invoice.starting_balance = balance;
  invoice.ending_balance = Math.min(0, due);
  invoice.amount_due = Math.max(0, due);
  invoice.amount_remaining = invoice.amount_due;
  if (invoice.ending_balance !== balance) {
    customer.balance = invoice.ending_balance;
    services.events.emit('customer.updated', customer, { request, previous: { balance } });
  }
}

export interface InvoiceCharge {
  /** The stored PaymentMethod to charge, or null when the subscription has none. */
  paymentMethod: Stripe.PaymentMethod | null;
  /** Reuse this PaymentIntent (the Checkout Session's) instead of creating one. */
  intent?: Stripe.PaymentIntent;
}

/** Stripe's description of an invoice's PaymentIntent (the sandbox's reading for one-off invoices: none). */
function intentDescription(invoice: Stripe.Invoice): string | null {
  if (invoice.billing_reason === 'manual') return null;
  return invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update';
}

function billingOf(paymentMethod: Stripe.PaymentMethod): BillingDetails {
  const details = paymentMethod.billing_details;
  return {
    name: details.name,
    email: details.email,
    country: details.address?.country ?? null,
    postalCode: details.address?.postal_code ?? null,
  };
}

/**
 * Gives an open invoice the PaymentIntent that pays it (`payment_intent.created` unless `existing` is given)
 * and its default invoice payment (`open`), as Stripe does when it finalizes an automatically collected
 * invoice. A first invoice's intent saves the card for later (`setup_future_usage=off_session`).
 */
export function openInvoicePayment(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  at: number,
  request: RequestRef,
  existing?: Stripe.PaymentIntent,
): Stripe.PaymentIntent {
  const open = openPaymentIntent(services, invoice);
  if (open) return open;
  const first = invoice.billing_reason === 'subscription_create';
  let intent = existing;
  // The Checkout page's intent was made for the session's total; the invoice's amount is what it pays.
  if (intent) intent.amount = invoice.amount_due;
  if (!intent) {
    intent = newPaymentIntent({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: String(invoice.customer),
      description: intentDescription(invoice),
      metadata: {},
      receiptEmail: null,
      paymentMethodTypes: ['card'],
      livemode: invoice.livemode,
    });
  }
  intent.customer = String(invoice.customer);
  intent.description = intentDescription(invoice);
  if (first) {
    intent.setup_future_usage = 'off_session';
    const card = intent.payment_method_options?.card ?? {
      installments: null,
      mandate_options: null,
      network: null,
      request_three_d_secure: 'automatic',
    };
    intent.payment_method_options = { ...intent.payment_method_options, card: { ...card, setup_future_usage: 'off_session' } };
  }
  if (!existing) {
    services.store.add('payment_intent', intent);
    services.events.emit('payment_intent.created', intent, { request });
  }
  const payment: Stripe.InvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: invoice.amount_due,
    created: at,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: services.store.livemode,
    payment: { payment_intent: intent.id, type: 'payment_intent' },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
  services.store.invoicePayments.set(invoice.id, [payment]);
  return intent;
}

/**
 * Attempts an open invoice's payment with a stored PaymentMethod, as automatic collection does. Success:
 * `charge.succeeded`, `payment_intent.succeeded`, `invoice.paid`, `invoice.payment_succeeded` (the invoice
 * side comes from `settleInvoiceOfIntent`, whatever confirms the intent). Failure (a declining card or no
 * payment method): `payment_intent.payment_failed` (when a card was tried), `invoice.payment_failed`.
 */
export function payInvoice(
  services: ProviderServices,
  invoice: Stripe.Invoice,
  charge: InvoiceCharge,
  at: number,
  request: RequestRef,
): boolean {
  if (invoice.amount_due === 0) {
    // Nothing due (a coupon, a credit): Stripe marks it paid without a payment.
    markInvoicePaid(services, invoice, undefined, at, request);
    activateAfterPayment(services, invoice, charge.paymentMethod?.id ?? null, request);
    return true;
  }
  const intent = openInvoicePayment(services, invoice, at, request, charge.intent);
  const card = charge.paymentMethod ? services.store.paymentMethodCards.get(charge.paymentMethod.id) : undefined;
  if (!charge.paymentMethod || !card) {
    recordFailedAttempt(services, invoice, at, request);
    return false;
  }
  return payWithCard(services, intent, card, billingOf(charge.paymentMethod), request, charge.paymentMethod.id).ok;
}

/** The PaymentMethod a renewal charges: the subscription's default, else the customer's invoice default. */
export function defaultPaymentMethod(services: ProviderServices, subscription: Stripe.Subscription): Stripe.PaymentMethod | null {
  return chargedPaymentMethod(services, subscription.default_payment_method, String(subscription.customer));
}

/** The stored PaymentMethod an invoice charges: `preferred` (a subscription's default), else the customer's invoice default. */
export function chargedPaymentMethod(
  services: ProviderServices,
  preferred: string | { id: string } | null,
  customerId: string,
): Stripe.PaymentMethod | null {
  const customer = services.store.get('customer', customerId);
  const id = idOf(preferred) ?? idOf(customer?.invoice_settings.default_payment_method ?? null);
  return (id && services.store.get('payment_method', id)) || null;
}

/** The invoice's default payment's PaymentIntent while it can still be paid (a failed attempt leaves it `requires_payment_method`). */
export function openPaymentIntent(services: ProviderServices, invoice: Stripe.Invoice): Stripe.PaymentIntent | undefined {
  const payment = (services.store.invoicePayments.get(invoice.id) ?? []).find((p) => p.is_default && p.status === 'open');
  const intent = payment?.payment.payment_intent ? services.store.get('payment_intent', String(payment.payment.payment_intent)) : undefined;
  return intent && intent.status !== 'succeeded' && intent.status !== 'canceled' ? intent : undefined;
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}
