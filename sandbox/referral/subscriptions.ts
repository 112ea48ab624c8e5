import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import type { ReferralMetadata } from '../../contracts/referral';
import type { PlatformProgram } from './platformObjects';
import type { CustomerAttribution, ReferralStore, SubscriptionAttribution } from './store';
import type { WebhookSender } from './webhooks/webhookSender';
import { attributeCheckout, attributeRenewal, rememberCustomer } from './attribution';
import { recordConversion } from './conversions';
import { invoiceSale, plainMetadata } from './saleEvents';
import { idOf } from './stripeIds';

/*
 * Recurring commissions. The rule against paying a subscription's first payment twice: a subscription's
 * payments are counted ONLY from `invoice.paid`, one conversion per invoice (source `{ type: 'invoice' }`).
 * `checkout.session.completed` of a `mode=subscription` session creates no conversion; it records the
 * subscription's attribution (the session's click), which the invoices then use, whichever event arrives first.
 */

/** The subscription an invoice belongs to: `parent.subscription_details.subscription` (this API version), else a line's. */
export function subscriptionOf(invoice: Stripe.Invoice): string | null {
  const fromParent = idOf(invoice.parent?.subscription_details?.subscription);
  if (fromParent) return fromParent;
  for (const line of invoice.lines?.data ?? []) {
    const fromLine = idOf(line.subscription) ?? line.parent?.subscription_item_details?.subscription ?? null;
    if (fromLine) return fromLine;
  }
  return null;
}

/**
 * Start of the service period an invoice bills: its earliest non-proration line period, else `period_end`
 * (a first invoice's creation, a renewal's new period start), else `fallback`.
 */
export function servicePeriodStart(invoice: Stripe.Invoice, fallback: number): number {
  const starts = (invoice.lines?.data ?? [])
    .filter((line) => !line.parent?.subscription_item_details?.proration)
    .map((line) => line.period?.start)
    .filter((start): start is number => typeof start === 'number');
  if (starts.length > 0) return Math.min(...starts);
  return typeof invoice.period_end === 'number' ? invoice.period_end : fallback;
}

/** `unix` plus `months` calendar months (UTC), the day clamped to the month's last day as Stripe's billing does. */
export function addMonths(unix: number, months: number): number {
  const date = new Date(unix * 1000);
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return Math.floor(Date.UTC(date.getUTCFullYear(), month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()) / 1000);
}

/**
 * `max_duration_months`: null → every payment; 0 → the first payment only; n → payments whose service period
 * starts less than n calendar months after the first commissioned payment's.
 */
function withinMaxDuration(
  program: PlatformProgram,
  attribution: SubscriptionAttribution,
  invoice: Stripe.Invoice,
  periodStart: number,
): boolean {
  const months = program.max_duration_months;
  if (months === null) return true;
  const first =
    attribution.firstInvoice === null || attribution.firstInvoice === invoice.id || invoice.billing_reason === 'subscription_create';
  if (first) return true;
  if (months === 0) return false;
  return periodStart < addMonths(attribution.firstPeriodStart ?? periodStart, months);
}

/** Records (once) which partner a subscription pays; the partner never changes afterwards. */
function attributeSubscription(
  store: ReferralStore,
  subscription: string,
  customer: string | null,
  found: CustomerAttribution,
  metadata: ReferralMetadata,
): SubscriptionAttribution {
  const known = store.subscriptionAttributions.get(subscription);
  if (known) return known;
  const attribution: SubscriptionAttribution = { ...found, subscription, customer, metadata, firstInvoice: null, firstPeriodStart: null };
  store.subscriptionAttributions.set(subscription, attribution);
  rememberCustomer(store, customer, found);
  return attribution;
}

function endedNote(subscription: string): string {
  return `ignored: subscription ${subscription} was canceled, its attribution has ended`;
}

/**
 * `invoice.paid` of a subscription → one conversion and one commission per invoice, for the partner the
 * subscription is attributed to (else, for a subscription not yet attributed: the customer's partner, then the
 * click in the subscription's or invoice's metadata). A first invoice with nothing to attribute it by is held
 * until the subscription's checkout session arrives.
 */
export function convertSubscriptionInvoice(
  store: ReferralStore,
  sender: WebhookSender,
  faults: FaultSwitches,
  event: Stripe.InvoicePaidEvent,
): string {
  const invoice = event.data.object;
  const subscription = subscriptionOf(invoice);
  if (!subscription) return `ignored: invoice ${invoice.id} belongs to no subscription`;
  if (invoice.amount_paid <= 0) return `ignored: invoice ${invoice.id} paid nothing`;
  if (store.endedSubscriptions.has(subscription)) return endedNote(subscription);
  // Read at the moment the event is handled, so a test can switch it on between the first invoice and a renewal.
  if (invoice.billing_reason === 'subscription_cycle' && faults.has('referral.skip-renewal-commission')) {
    return 'ignored: fault referral.skip-renewal-commission is on';
  }

  const customerId = idOf(invoice.customer);
  const subscriptionMetadata = invoice.parent?.subscription_details?.metadata ?? null;
  let attribution = store.subscriptionAttributions.get(subscription);
  if (!attribution) {
    const found = attributeRenewal(
      store,
      customerId,
      [subscriptionMetadata?.referral_click_id, invoice.metadata?.referral_click_id],
      event.created,
    );
    if (!found) {
      if (invoice.billing_reason === 'subscription_create') {
        store.heldFirstInvoices.set(subscription, event);
        return `held: invoice ${invoice.id} waits for the checkout session of subscription ${subscription} to be attributed`;
      }
      return `ignored: invoice ${invoice.id} belongs to no attributed subscription or customer`;
    }
    attribution = attributeSubscription(store, subscription, customerId, found, {});
  }

  const program = store.programs.get(attribution.program);
  const periodStart = servicePeriodStart(invoice, event.created);
  if (program && !withinMaxDuration(program, attribution, invoice, periodStart)) {
    return `ignored: invoice ${invoice.id} is past the program's max_duration_months (${program.max_duration_months})`;
  }

  const outcome = recordConversion(
    store,
    sender,
    faults,
    attribution,
    invoiceSale(invoice, event, {
      subscription,
      metadata: { ...attribution.metadata, ...plainMetadata(subscriptionMetadata), ...plainMetadata(invoice.metadata) },
    }),
  );
  if (outcome.created && (attribution.firstInvoice === null || invoice.billing_reason === 'subscription_create')) {
    attribution.firstInvoice = invoice.id;
    attribution.firstPeriodStart = Math.min(periodStart, attribution.firstPeriodStart ?? periodStart);
  }
  return outcome.created ? `created ${outcome.conversion.id}` : `duplicate of ${outcome.existing}`;
}

/**
 * `checkout.session.completed` of a `mode=subscription` session → no conversion (its payment is the first
 * invoice's `invoice.paid`); records the subscription's attribution through the session's click
 * (`client_reference_id`, else `metadata.referral_click_id`), else the customer's, and converts a first invoice
 * that arrived before it and was held.
 */
export function attributeSubscriptionCheckout(
  store: ReferralStore,
  sender: WebhookSender,
  faults: FaultSwitches,
  event: Stripe.CheckoutSessionCompletedEvent,
): string {
  const session = event.data.object;
  const subscription = idOf(session.subscription);
  if (!subscription) return `ignored: subscription session ${session.id} carries no subscription`;
  if (store.endedSubscriptions.has(subscription)) return endedNote(subscription);

  const known = store.subscriptionAttributions.get(subscription);
  if (known) {
    known.metadata = { ...plainMetadata(session.metadata), ...known.metadata };
    return `subscription ${subscription} already attributed to ${known.partner}; its payments are counted from invoice.paid`;
  }
  const customerId = idOf(session.customer);
  const found = attributeCheckout(store, [session.client_reference_id, session.metadata?.referral_click_id], customerId, event.created);
  const held = store.heldFirstInvoices.get(subscription);
  store.heldFirstInvoices.delete(subscription);
  if (!found) return `ignored: session ${session.id} carries no live click and no attributed customer`;

  attributeSubscription(store, subscription, customerId, found, plainMetadata(session.metadata));
  const note = `attributed subscription ${subscription} to ${found.partner}; its payments are counted from invoice.paid`;
  return held ? `${note}; ${convertSubscriptionInvoice(store, sender, faults, held)}` : note;
}

/** `customer.subscription.deleted` → the subscription's attribution ends: no later invoice of it earns anything. */
export function endSubscriptionAttribution(store: ReferralStore, event: Stripe.CustomerSubscriptionDeletedEvent): string {
  const subscription = event.data.object.id;
  if (store.endedSubscriptions.has(subscription)) return `ignored: subscription ${subscription} already ended`;
  store.endedSubscriptions.set(subscription, event.created);
  store.heldFirstInvoices.delete(subscription);
  return store.subscriptionAttributions.has(subscription)
    ? `ended the attribution of subscription ${subscription}`
    : `recorded the end of subscription ${subscription} (not attributed)`;
}
