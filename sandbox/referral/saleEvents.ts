import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import type { ReferralMetadata } from '../../contracts/referral';
import type { ReferralStore } from './store';
import type { WebhookSender } from './webhooks/webhookSender';
import { attributeCheckout, attributeRenewal, rememberCustomer } from './attribution';
import { recordConversion, type SaleFacts } from './conversions';
import { idOf } from './stripeIds';

export function sumQuantities(lines: { data: Array<{ quantity: number | null }> } | undefined): number {
  const total = (lines?.data ?? []).reduce((sum, line) => sum + (line.quantity ?? 0), 0);
  return total > 0 ? total : 1;
}

export function plainMetadata(metadata: Stripe.Metadata | null | undefined): ReferralMetadata {
  return { ...(metadata ?? {}) };
}

/**
 * `checkout.session.completed` of a one-off payment → a conversion, when the session is paid, non-zero and
 * attributed. (A subscription checkout is handled by `attributeSubscriptionCheckout`: its payments are invoices.)
 */
/** The sale a paid invoice stands for: its amount excluding tax, in minor units, and the payment behind it. */
export function invoiceSale(
  invoice: Stripe.Invoice,
  event: Stripe.Event,
  extra: { subscription: string | null; metadata: ReferralMetadata },
): SaleFacts {
  const payment = invoice.payments?.data.find((p) => p.payment.payment_intent);
  const taxExcluded = invoice.total_excluding_tax ?? invoice.amount_paid;
  return {
    source: { type: 'invoice', id: invoice.id },
    subscription: extra.subscription,
    sourceIds: [invoice.id],
    paymentIntent: idOf(payment?.payment.payment_intent),
    customerEmail: invoice.customer_email,
    amount: Math.min(invoice.amount_paid, taxExcluded),
    quantity: sumQuantities(invoice.lines),
    currency: invoice.currency,
    providerEvent: event.id,
    livemode: event.livemode,
    metadata: extra.metadata,
  };
}

export function convertCheckoutSession(
  store: ReferralStore,
  sender: WebhookSender,
  faults: FaultSwitches,
  event: Stripe.CheckoutSessionCompletedEvent,
): string {
  const session = event.data.object;
  if (session.payment_status !== 'paid') return `ignored: session ${session.id} is ${session.payment_status}`;
  const total = session.amount_total ?? 0;
  if (total <= 0) return `ignored: session ${session.id} has no amount`;

  const customerId = idOf(session.customer);
  const attribution = attributeCheckout(
    store,
    [session.client_reference_id, session.metadata?.referral_click_id],
    customerId,
    event.created,
  );
  if (!attribution) return `ignored: session ${session.id} carries no live click and no attributed customer`;

  const invoiceId = idOf(session.invoice);
  const outcome = recordConversion(store, sender, faults, attribution, {
    source: { type: 'checkout.session', id: session.id },
    subscription: null,
    sourceIds: invoiceId ? [session.id, invoiceId] : [session.id],
    paymentIntent: idOf(session.payment_intent),
    customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
    amount: total - (session.total_details?.amount_tax ?? 0),
    quantity: sumQuantities(session.line_items),
    currency: session.currency ?? 'usd',
    providerEvent: event.id,
    livemode: event.livemode,
    metadata: plainMetadata(session.metadata),
  });
  rememberCustomer(store, customerId, attribution);
  return outcome.created ? `created ${outcome.conversion.id}` : `duplicate of ${outcome.existing}`;
}

/**
 * `invoice.paid` of an invoice that belongs to no subscription → a conversion when its customer is attributed.
 * (Subscription invoices are handled by `convertSubscriptionInvoice`.)
 */
export function convertPaidInvoice(
  store: ReferralStore,
  sender: WebhookSender,
  faults: FaultSwitches,
  event: Stripe.InvoicePaidEvent,
): string {
  const invoice = event.data.object;
  if (invoice.amount_paid <= 0) return `ignored: invoice ${invoice.id} paid nothing`;

  const customerId = idOf(invoice.customer);
  const subscriptionMetadata = invoice.parent?.subscription_details?.metadata ?? null;
  const attribution = attributeRenewal(
    store,
    customerId,
    [subscriptionMetadata?.referral_click_id, invoice.metadata?.referral_click_id],
    event.created,
  );
  if (!attribution) return `ignored: invoice ${invoice.id} belongs to no attributed customer`;

  const outcome = recordConversion(
    store,
    sender,
    faults,
    attribution,
    invoiceSale(invoice, event, {
      subscription: null,
      metadata: { ...plainMetadata(subscriptionMetadata), ...plainMetadata(invoice.metadata) },
    }),
  );
  rememberCustomer(store, customerId, attribution);
  return outcome.created ? `created ${outcome.conversion.id}` : `duplicate of ${outcome.existing}`;
}
