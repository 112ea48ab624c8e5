import type Stripe from 'stripe';
import type { RewardfulContext } from '../context';
import type { HeldInvoice } from '../store';
import { linkCustomer, liveReferral, optedOut } from './attribution';
import { applyRefund } from './refunds';
import { recordSale, type Payment } from './sales';

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

const isoOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/** The charge behind a payment intent, read through Rewardful's Stripe connection (read access is documented in 13863552). */
async function chargeOf(context: RewardfulContext, paymentIntentId: string): Promise<Stripe.Charge | null> {
  const intent = await context.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] });
  const charge = intent.latest_charge;
  return charge && typeof charge !== 'string' ? charge : null;
}

/** Handles one verified provider event once; returns one line saying what happened. */
export async function handleProviderEvent(context: RewardfulContext, event: Stripe.Event): Promise<string> {
  const { store } = context;
  if (store.handledProviderEvents.has(event.id)) return `duplicate event ${event.id}`;
  // Marked handled only once handled: an event whose handling failed (a 500) is handled again when Stripe retries it.
  const outcome = await handle(context, event);
  store.handledProviderEvents.add(event.id);
  return outcome;
}

function handle(context: RewardfulContext, event: Stripe.Event): Promise<string> | string {
  switch (event.type) {
    case 'customer.created':
    case 'customer.updated':
      return customerChanged(context, event.data.object);
    case 'checkout.session.completed':
      return checkoutCompleted(context, event.data.object);
    case 'invoice.paid':
      return invoicePaid(context, event.data.object);
    case 'charge.refunded':
      return applyRefund(context, event.data.object);
    default:
      return `ignored: ${event.type}`;
  }
}

/** `customer.metadata.referral` = the referral id (https://help.rewardful.com/en/articles/8572726-integration-for-stripe-api-endpoint-users). */
async function customerChanged(context: RewardfulContext, customer: Stripe.Customer): Promise<string> {
  if (optedOut(customer.metadata)) return `ignored: customer ${customer.id} has metadata.rewardful=false`;
  const referral = liveReferral(context, customer.metadata?.referral);
  if (!referral) return `ignored: customer ${customer.id} carries no live referral`;
  const linked = linkCustomer(context, referral, { id: customer.id, name: customer.name ?? null, email: customer.email ?? null });
  return `customer ${customer.id} → referral ${linked.id}${await releaseHeldInvoices(context, customer.id)}`;
}

/**
 * Checkout: `client_reference_id` = `Rewardful.referral` (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout).
 * A one-time payment is a sale now (its charge read through the payment intent); a subscription's sales are its paid invoices.
 */
async function checkoutCompleted(context: RewardfulContext, session: Stripe.Checkout.Session): Promise<string> {
  if (optedOut(session.metadata)) return `ignored: session ${session.id} has metadata.rewardful=false`;
  const customerId = idOf(session.customer);
  const referral =
    liveReferral(context, session.client_reference_id) ?? (customerId ? context.store.referralOfCustomer(customerId) : undefined);
  if (!referral) return `ignored: session ${session.id} carries no live referral`;
  const email = session.customer_details?.email ?? session.customer_email ?? null;
  if (customerId) linkCustomer(context, referral, { id: customerId, name: session.customer_details?.name ?? null, email });
  else if (!referral.customer) referral.customer = { id: '', name: session.customer_details?.name ?? null, email, platform: 'stripe' };

  if (session.mode !== 'payment') return `session ${session.id} linked${customerId ? await releaseHeldInvoices(context, customerId) : ''}`;
  if (session.payment_status !== 'paid') return `ignored: session ${session.id} is ${session.payment_status}`;
  const paymentIntent = idOf(session.payment_intent);
  const charge = paymentIntent ? await chargeOf(context, paymentIntent) : null;
  if (!charge) return `ignored: session ${session.id} has no charge`;
  if (optedOut(charge.metadata)) return `ignored: charge ${charge.id} has metadata.rewardful=false`;
  return recordSale(context, referral, {
    chargeId: charge.id,
    chargeAmount: charge.amount,
    taxAmount: session.total_details?.amount_tax ?? 0,
    currency: charge.currency,
    chargedAt: isoOf(charge.created),
    invoicedAt: null,
  });
}

/** "Every payment made by a referred customer" is a sale: here, a paid invoice (https://help.rewardful.com/en/articles/2213091-how-does-rewardful-use-my-stripe-account). */
async function invoicePaid(context: RewardfulContext, invoice: Stripe.Invoice): Promise<string> {
  const customerId = idOf(invoice.customer);
  if (!customerId || invoice.amount_paid <= 0) return `ignored: invoice ${invoice.id} paid nothing or has no customer`;
  const referral = context.store.referralOfCustomer(customerId);
  if (!referral) {
    // guess: held until the checkout that links the customer arrives (Stripe does not order events).
    const held: HeldInvoice[] = context.store.heldInvoices.get(customerId) ?? [];
    held.push({ invoice });
    context.store.heldInvoices.set(customerId, held);
    return `held: invoice ${invoice.id}'s customer is not linked to a referral yet`;
  }
  return invoiceSale(context, invoice, referral);
}

async function invoiceSale(
  context: RewardfulContext,
  invoice: Stripe.Invoice,
  referral: NonNullable<ReturnType<RewardfulContext['store']['referralOfCustomer']>>,
): Promise<string> {
  const subscriptionMetadata = invoice.parent?.subscription_details?.metadata ?? null;
  if (optedOut(invoice.metadata, subscriptionMetadata)) return `ignored: invoice ${invoice.id} has metadata.rewardful=false`;
  const paymentIntent = await invoicePaymentIntent(context, invoice);
  const charge = paymentIntent ? await chargeOf(context, paymentIntent) : null;
  if (!charge) return `ignored: invoice ${invoice.id} has no charge`;
  if (optedOut(charge.metadata)) return `ignored: charge ${charge.id} has metadata.rewardful=false`;
  const payment: Payment = {
    chargeId: charge.id,
    chargeAmount: invoice.amount_paid,
    taxAmount: Math.max(0, invoice.amount_paid - (invoice.total_excluding_tax ?? invoice.amount_paid)),
    currency: invoice.currency,
    chargedAt: isoOf(charge.created),
    invoicedAt: isoOf(invoice.created),
  };
  return recordSale(context, referral, payment);
}

/** The payment intent that paid the invoice: its `payments` (expandable, so read back when the event lacks them). */
async function invoicePaymentIntent(context: RewardfulContext, invoice: Stripe.Invoice): Promise<string | null> {
  const paidBy = (payments: Stripe.Invoice['payments']) =>
    idOf(payments?.data.find((p) => p.payment.payment_intent)?.payment.payment_intent);
  const fromEvent = paidBy(invoice.payments);
  if (fromEvent) return fromEvent;
  return paidBy((await context.stripe.invoices.retrieve(invoice.id, { expand: ['payments'] })).payments);
}

async function releaseHeldInvoices(context: RewardfulContext, customerId: string): Promise<string> {
  const held = context.store.heldInvoices.get(customerId);
  const referral = context.store.referralOfCustomer(customerId);
  if (!held || !referral) return '';
  context.store.heldInvoices.delete(customerId);
  const outcomes: string[] = [];
  for (const { invoice } of held) outcomes.push(await invoiceSale(context, invoice, referral));
  return `; held invoices: ${outcomes.join('; ')}`;
}
