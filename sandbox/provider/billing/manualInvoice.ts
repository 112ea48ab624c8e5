import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { createInvoice } from './invoicing';
import { customerNow } from './periods';

export interface ManualInvoiceFields {
  customer: Stripe.Customer;
  /** Invoice only this subscription's pending items (`subscription`). */
  subscription: Stripe.Subscription | null;
  /** `pending_invoice_items_behavior`: `exclude` (the default in this API version, SDK types) or `include`. */
  includePending: boolean;
  autoAdvance: boolean;
  description: string | null;
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
}

/**
 * `POST /v1/invoices`: a `draft` invoice (`billing_reason: manual`, `invoice.created`) for the customer. With
 * `pending_invoice_items_behavior=include` it takes the customer's pending invoice items (only the subscription's
 * when `subscription` is given: "the created invoice will only include pending invoice items for that subscription.
 * The subscription's billing cycle and regular subscription events won't be affected", SDK types) — e.g. the
 * prorations a `create_prorations` change left, to bill them now. `auto_advance` defaults to false ("Defaults to
 * false", SDK types); the sandbox never finalizes a draft on its own (Stripe does about an hour later when true).
 */
export function createManualInvoice(services: ProviderServices, fields: ManualInvoiceFields, request: RequestRef): Stripe.Invoice {
  const { customer, subscription } = fields;
  const now = customerNow(services, customer.id);
  const invoiceItems = fields.includePending
    ? services.store
        .all('invoiceitem')
        .filter(
          (item) =>
            item.invoice === null &&
            item.customer === customer.id &&
            (!subscription || item.parent?.subscription_details?.subscription === subscription.id),
        )
        .reverse()
    : [];
  const invoice = createInvoice(services, {
    subscription,
    customer,
    billingReason: 'manual',
    created: now,
    invoicePeriod: { start: now, end: now },
    invoiceItems,
  });
  invoice.auto_advance = fields.autoAdvance;
  invoice.description = fields.description;
  invoice.metadata = fields.metadata;
  invoice.default_payment_method = fields.defaultPaymentMethod;
  services.events.emit('invoice.created', invoice, { request });
  return invoice;
}
