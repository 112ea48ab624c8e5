import type Stripe from 'stripe';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { newPaymentIntent } from '../payments/paymentIntentObject';
import { payWithCard, type BillingDetails } from '../payments/payWithCard';
import { newInvoice, type InvoiceFields } from './invoiceObject';
import { recordFailedAttempt } from './invoicePaymentOutcome';

/** Creates a subscription invoice (not yet announced) and makes it the subscription's latest invoice. */
export function createInvoice(services: ProviderServices, fields: InvoiceFields): Stripe.Invoice {
  const invoice = services.store.add('invoice', newInvoice(services, fields));
  fields.subscription.latest_invoice = invoice.id;
  return invoice;
}

/** `invoice.created`, then finalization (number, `open`) and `invoice.finalized`, as Stripe does for automatic collection. */
export function issueInvoice(services: ProviderServices, invoice: Stripe.Invoice, at: number, request: RequestRef): void {
  services.events.emit('invoice.created', invoice, { request });
  const customer = services.store.get('customer', String(invoice.customer));
  if (customer) {
    invoice.number = `${customer.invoice_prefix ?? 'SBX'}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
    customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
  }
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = at;
  invoice.effective_at = at;
  invoice.next_payment_attempt = at;
  services.events.emit('invoice.finalized', invoice, { request });
}

export interface InvoiceCharge {
  /** The stored PaymentMethod to charge, or null when the subscription has none. */
  paymentMethod: Stripe.PaymentMethod | null;
  /** Reuse this PaymentIntent (the Checkout Session's) instead of creating one. */
  intent?: Stripe.PaymentIntent;
}

function billingOf(paymentMethod: Stripe.PaymentMethod): BillingDetails {
  const details = paymentMethod.billing_details;
  return { name: details.name, email: details.email, country: details.address?.country ?? null, postalCode: details.address?.postal_code ?? null };
}

/**
 * Gives an open invoice the PaymentIntent that pays it (`payment_intent.created` unless `existing` is given)
 * and its default invoice payment (`open`), as Stripe does when it finalizes an automatically collected
 * invoice. A first invoice's intent saves the card for later (`setup_future_usage=off_session`).
 */
export function openInvoicePayment(services: ProviderServices, invoice: Stripe.Invoice, at: number, request: RequestRef, existing?: Stripe.PaymentIntent): Stripe.PaymentIntent {
  const first = invoice.billing_reason === 'subscription_create';
  let intent = existing;
  if (!intent) {
    intent = newPaymentIntent({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: String(invoice.customer),
      description: first ? 'Subscription creation' : 'Subscription update',
      metadata: {},
      receiptEmail: null,
      paymentMethodTypes: ['card'],
      livemode: invoice.livemode,
    });
  }
  intent.customer = String(invoice.customer);
  intent.description = first ? 'Subscription creation' : 'Subscription update';
  if (first) {
    intent.setup_future_usage = 'off_session';
    const card = intent.payment_method_options?.card ?? { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' };
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
export function payInvoice(services: ProviderServices, invoice: Stripe.Invoice, charge: InvoiceCharge, at: number, request: RequestRef): boolean {
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
export function chargedPaymentMethod(services: ProviderServices, preferred: string | { id: string } | null, customerId: string): Stripe.PaymentMethod | null {
  const customer = services.store.get('customer', customerId);
  const id = idOf(preferred) ?? idOf(customer?.invoice_settings.default_payment_method ?? null);
  return (id && services.store.get('payment_method', id)) || null;
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}
