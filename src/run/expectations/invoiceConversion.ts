import type Stripe from 'stripe';
import type { ReferralPlatform, ReferralQuery } from '../../model/target/referralPlatform';
import type { ReferralConversion } from '../../../contracts/referral';
import { idOf } from './runPayments';

/**
 * What a subscription invoice's sale may be known by at a referral platform. At Stripe a subscription's payments are
 * its invoices: a `mode=subscription` Checkout Session has `payment_intent: null`, and since API version 2025-03-31
 * (basil) an invoice has no `payment_intent` either: its payment is under `invoice.payments` (InvoicePayment, includable:
 * `expand[]=payments`). A platform may key the conversion by the invoice, by the subscription, or by the payment
 * intent that paid the invoice (a merchant reporting the sale itself knows only that).
 */
export interface InvoiceSaleKeys {
  invoiceId: string;
  subscriptionId: string;
  /** The payment intent of the invoice's paid payment, when the invoice was read with its payments. */
  paymentIntentId?: string;
  /** That payment intent's charge, when it was read expanded (Rewardful records a sale by its charge only). */
  chargeId?: string;
}

/** The keys of a paid subscription invoice; its payment intent only when `invoice.payments` was expanded. */
export function invoiceSaleKeys(invoice: Stripe.Invoice, subscriptionId: string): InvoiceSaleKeys {
  const payments = invoice.payments?.data ?? [];
  const paid =
    payments.find((payment) => payment.status === 'paid' && payment.payment.payment_intent) ??
    payments.find((payment) => payment.payment.payment_intent);
  const paymentIntent = paid?.payment.payment_intent;
  const paymentIntentId = idOf(paymentIntent);
  const chargeId = typeof paymentIntent === 'object' && paymentIntent !== null ? idOf(paymentIntent.latest_charge) : undefined;
  return {
    invoiceId: invoice.id,
    subscriptionId,
    ...(paymentIntentId ? { paymentIntentId } : {}),
    ...(chargeId ? { chargeId } : {}),
  };
}

/** Every query that may find the sale's conversion: by the invoice (its source), the subscription, the payment intent. */
export function invoiceConversionQueries(keys: InvoiceSaleKeys): ReferralQuery[] {
  return [
    { source_id: keys.invoiceId },
    { subscription: keys.subscriptionId },
    ...(keys.paymentIntentId ? [{ payment_intent: keys.paymentIntentId }] : []),
  ];
}

/** "invoice in_1, subscription sub_1 or payment intent pi_1": every key the conversion was looked for by. */
export function describeInvoiceSaleKeys(keys: InvoiceSaleKeys): string {
  const names = [
    `invoice ${keys.invoiceId}`,
    `subscription ${keys.subscriptionId}`,
    ...(keys.paymentIntentId ? [`payment intent ${keys.paymentIntentId}`] : []),
  ];
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** "GET /v1/conversions?source_id=in_1, GET /v1/conversions?subscription=sub_1, …": where the conversion was looked for. */
export function describeInvoiceConversionLookups(keys: InvoiceSaleKeys): string {
  return invoiceConversionQueries(keys)
    .map((query) => `GET /v1/conversions?${new URLSearchParams(query as Record<string, string>).toString()}`)
    .join(', ');
}

/**
 * The conversion is this invoice's sale: its source is the invoice, or it records the payment intent that paid it, or
 * (a platform that records the charge) its source is that payment's charge.
 */
export function isForInvoice(conversion: ReferralConversion, keys: InvoiceSaleKeys): boolean {
  if (conversion.source.id === keys.invoiceId) return true;
  if (keys.chargeId !== undefined && conversion.source.type === 'charge' && conversion.source.id === keys.chargeId) return true;
  return (
    keys.paymentIntentId !== undefined &&
    (conversion.payment_intent === keys.paymentIntentId || conversion.source.id === keys.paymentIntentId)
  );
}

/**
 * The conversions of the invoice's sale, found by every query of `invoiceConversionQueries` (each result filtered
 * here too: a platform that does not know a filter may ignore it), once each; and, for a message, what the queries
 * returned that was not this invoice's.
 */
export async function findInvoiceConversions(
  referral: ReferralPlatform,
  keys: InvoiceSaleKeys,
): Promise<{ conversions: ReferralConversion[]; others: ReferralConversion[] }> {
  const found = new Map<string, ReferralConversion>();
  const others = new Map<string, ReferralConversion>();
  // By the charge too, asked only of a platform that records a sale by its charge (limits.conversionsByPayment): Rewardful's.
  const byCharge = keys.chargeId !== undefined && referral.limits?.conversionsByPayment !== undefined ? [{ source_id: keys.chargeId }] : [];
  for (const query of [...invoiceConversionQueries(keys), ...byCharge]) {
    for (const conversion of (await referral.listConversions({ ...query, limit: 100 })).data) {
      if (isForInvoice(conversion, keys)) found.set(conversion.id, conversion);
      else others.set(conversion.id, conversion);
    }
  }
  for (const id of found.keys()) others.delete(id);
  return { conversions: [...found.values()], others: [...others.values()] };
}
