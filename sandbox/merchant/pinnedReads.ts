import Stripe from 'stripe';

/*
 * How a sandbox merchant reads what Stripe moved between API versions, the way code written against its pinned
 * version does (the shop can be pinned to an older version than the SDK's: `startShop({ apiVersion })`). Each read
 * takes the version the object is in: the client's `apiVersion` for an API answer, `event.api_version` for a webhook.
 */

/**
 * Stripe's 2025-03-31.basil moved an invoice's `subscription` / `subscription_details` under `parent` and its
 * `payment_intent` / `charge` to the invoice payments (stripe-node 18.0.0 CHANGELOG: "Remove support for …
 * `payment_intent`, … `subscription`, `subscription_details` … on `Invoice`"; the fields are in Stripe's published
 * 2023-08-16 spec, `invoice`).
 */
export const INVOICE_PARENT_SINCE = '2025-03-31';

/** Whether `apiVersion` (e.g. `2020-08-27`, `2025-03-31.basil`) is older than the version whose date is `since`. */
export function pinnedBefore(apiVersion: string | null | undefined, since: string): boolean {
  return (apiVersion ?? Stripe.API_VERSION).slice(0, 10) < since;
}

/** An invoice as versions before 2025-03-31.basil show it (the SDK's types are the newest version's). */
type InvoiceBeforeBasil = Stripe.Invoice & {
  subscription?: string | { id: string } | null;
  subscription_details?: { metadata?: Stripe.Metadata | null } | null;
  payment_intent?: string | Stripe.PaymentIntent | null;
};

/** The subscription an invoice bills and the subscription's metadata, read where `apiVersion` has them. */
export function subscriptionOfInvoice(
  invoice: Stripe.Invoice,
  apiVersion: string | null | undefined,
): { subscriptionId: string | null; metadata: Stripe.Metadata | undefined } {
  if (pinnedBefore(apiVersion, INVOICE_PARENT_SINCE)) {
    const old = invoice as InvoiceBeforeBasil;
    return { subscriptionId: idOf(old.subscription), metadata: old.subscription_details?.metadata ?? undefined };
  }
  const details = invoice.parent?.subscription_details;
  return { subscriptionId: idOf(details?.subscription), metadata: details?.metadata ?? undefined };
}

/**
 * The PaymentIntents that tried to pay an invoice, newest first: before 2025-03-31.basil the invoice's own
 * `payment_intent` (one per invoice); from it, its invoice payments (`expand[]=payments`, includable only).
 */
export async function paymentIntentsOfInvoice(stripe: Stripe, invoiceId: string, apiVersion: string | null | undefined): Promise<string[]> {
  if (pinnedBefore(apiVersion, INVOICE_PARENT_SINCE)) {
    const invoice = (await stripe.invoices.retrieve(invoiceId)) as InvoiceBeforeBasil;
    const id = idOf(invoice.payment_intent);
    return id ? [id] : [];
  }
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
  return [...(invoice.payments?.data ?? [])]
    .reverse()
    .map((payment) => idOf(payment.payment.payment_intent))
    .filter((id): id is string => id !== null);
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
