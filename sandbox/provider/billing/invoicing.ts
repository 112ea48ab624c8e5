import type Stripe from 'stripe';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { newPaymentIntent } from '../payments/paymentIntentObject';
import { payWithCard, type BillingDetails } from '../payments/payWithCard';
import { newInvoice, type InvoiceFields } from './invoiceObject';

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
 * Attempts an open invoice's payment with its PaymentIntent. Success: `charge.succeeded`,
 * `payment_intent.succeeded`, `invoice.paid`, `invoice.payment_succeeded`. Failure (a declining card or no
 * payment method): `payment_intent.payment_failed` (when a card was tried), `invoice.payment_failed`.
 */
export function payInvoice(services: ProviderServices, invoice: Stripe.Invoice, charge: InvoiceCharge, at: number, request: RequestRef): boolean {
  const customer = String(invoice.customer);
  let intent = charge.intent;
  if (!intent) {
    intent = newPaymentIntent({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer,
      description: invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
      metadata: {},
      receiptEmail: null,
      paymentMethodTypes: ['card'],
      livemode: invoice.livemode,
    });
    services.store.add('payment_intent', intent);
    services.events.emit('payment_intent.created', intent, { request });
  } else {
    intent.customer = customer;
    intent.description = 'Subscription creation';
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
  invoice.attempted = true;
  invoice.attempt_count += 1;

  const card = charge.paymentMethod ? services.store.paymentMethodCards.get(charge.paymentMethod.id) : undefined;
  const result = charge.paymentMethod && card ? payWithCard(services, intent, card, billingOf(charge.paymentMethod), request, charge.paymentMethod.id) : undefined;
  if (!result?.ok) {
    invoice.next_payment_attempt = at + 3 * 24 * 60 * 60;
    services.events.emit('invoice.payment_failed', invoice, { request });
    return false;
  }
  payment.status = 'paid';
  payment.amount_paid = invoice.amount_due;
  payment.status_transitions.paid_at = at;
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = at;
  services.events.emit('invoice.paid', invoice, { request });
  services.events.emit('invoice.payment_succeeded', invoice, { request });
  return true;
}

/** The PaymentMethod a renewal charges: the subscription's default, else the customer's invoice default. */
export function defaultPaymentMethod(services: ProviderServices, subscription: Stripe.Subscription): Stripe.PaymentMethod | null {
  const customer = services.store.get('customer', String(subscription.customer));
  const id = idOf(subscription.default_payment_method) ?? idOf(customer?.invoice_settings.default_payment_method ?? null);
  return (id && services.store.get('payment_method', id)) || null;
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}
