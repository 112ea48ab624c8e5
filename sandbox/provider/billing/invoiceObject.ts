import type Stripe from 'stripe';
import { formatMoney } from '../../currencies';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { applyInvoiceDiscounts, type AppliedDiscount } from './invoiceDiscounts';

export interface InvoiceFields {
  /** The subscription billed, or null for a one-off (`manual`) invoice. */
  subscription: Stripe.Subscription | null;
  customer: Stripe.Customer;
  billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  /** When the invoice is made: the customer's clock time, or now. */
  created: number;
  /** The service period the subscription's items are billed for; absent when they are not billed (prorations only, `manual`). */
  servicePeriod?: { start: number; end: number };
  /** The invoice's own period: the period that just ended for a renewal, `created` for the first invoice. */
  invoicePeriod: { start: number; end: number };
  /** Pending invoice items the invoice sweeps in (a subscription change's prorations). */
  invoiceItems?: Stripe.InvoiceItem[];
  /** Discounts to apply (the subscription's, while they last); see invoiceDiscounts.ts. */
  discounts?: AppliedDiscount[];
}

/** One invoice line per subscription item, for the service period billed. */
function itemLines(
  services: ProviderServices,
  invoiceId: string,
  subscription: Stripe.Subscription,
  period: { start: number; end: number },
): Stripe.InvoiceLineItem[] {
  return subscription.items.data.map((item) => {
    const quantity = item.quantity ?? 1;
    const amount = (item.price.unit_amount ?? 0) * quantity;
    const product = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
    return {
      id: newId('il'),
      object: 'line_item',
      amount,
      currency: item.price.currency,
      description: `${quantity} × ${item.price.nickname ?? services.store.get('product', product)?.name ?? product} (at ${formatMoney(item.price.unit_amount ?? 0, item.price.currency)} / ${item.price.recurring?.interval ?? 'month'})`,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: invoiceId,
      livemode: services.store.livemode,
      metadata: {},
      parent: {
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: null,
          proration: false,
          proration_details: { credited_items: null },
          subscription: subscription.id,
          subscription_item: item.id,
        },
        type: 'subscription_item_details',
      },
      period: { start: period.start, end: period.end },
      pretax_credit_amounts: [],
      pricing: {
        price_details: { price: item.price.id, product },
        type: 'price_details',
        unit_amount_decimal: item.price.unit_amount_decimal,
      },
      quantity,
      quantity_decimal: null,
      subscription: subscription.id,
      subtotal: amount,
      taxes: [],
    };
  });
}

/**
 * A line for a pending invoice item. A subscription's proration shows under `parent.subscription_item_details` with
 * its `invoice_item` and `proration: true` (the SDK types: "The invoice item that generated this line item";
 * whether Stripe files subscription prorations there or under `invoice_item_details` is the sandbox's reading).
 * Prorations are never discountable ("Always false for prorations", SDK types).
 */
function invoiceItemLine(invoiceId: string, item: Stripe.InvoiceItem): Stripe.InvoiceLineItem {
  const subscription = item.parent?.subscription_details?.subscription ?? null;
  const subscriptionItem = item.parent?.subscription_details?.subscription_item;
  const credited = item.proration_details?.credited_items?.invoice_line_item_details;
  const prorationDetails = {
    credited_items: credited ? { invoice: credited.invoice, invoice_line_items: credited.invoice_line_items } : null,
  };
  return {
    id: newId('il'),
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoiceId,
    livemode: item.livemode,
    metadata: { ...(item.metadata ?? {}) },
    parent:
      subscription && subscriptionItem
        ? {
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: item.id,
              proration: item.proration,
              proration_details: prorationDetails,
              subscription,
              subscription_item: subscriptionItem,
            },
            type: 'subscription_item_details',
          }
        : {
            invoice_item_details: { invoice_item: item.id, proration: item.proration, proration_details: prorationDetails, subscription },
            subscription_item_details: null,
            type: 'invoice_item_details',
          },
    period: { ...item.period },
    pretax_credit_amounts: [],
    pricing: item.pricing ? { ...item.pricing } : null,
    quantity: item.quantity,
    quantity_decimal: null,
    subscription,
    subtotal: item.amount,
    taxes: [],
  };
}

/** A new draft invoice with its lines (subscription items, then pending invoice items), discounts and every field Stripe returns. */
export function newInvoice(services: ProviderServices, fields: InvoiceFields): Stripe.Invoice {
  const id = newId('in');
  const { customer, subscription } = fields;
  const lines = [
    ...(subscription && fields.servicePeriod ? itemLines(services, id, subscription, fields.servicePeriod) : []),
    ...(fields.invoiceItems ?? []).map((item) => invoiceItemLine(id, item)),
  ];
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const currency = subscription?.currency ?? fields.invoiceItems?.[0]?.currency ?? customer.currency ?? 'usd';
  // `subscription` is the pre-2025 field Stripe's example still shows (null); this API version puts the
  // subscription under `parent.subscription_details.subscription`.
  const invoice: Stripe.Invoice & { subscription: null } = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Dress Rehearsal sandbox',
    account_tax_ids: null,
    amount_due: subtotal,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: subtotal,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: fields.billingReason,
    collection_method: 'charge_automatically',
    created: fields.created,
    currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: customer.shipping ?? null,
    customer_tax_exempt: customer.tax_exempt ?? 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: services.store.livemode,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: fields.invoicePeriod.end,
    period_start: fields.invoicePeriod.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: { amount_tax_display: null, pdf: { page_size: 'auto' }, template: null, template_version: null },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: subscription
      ? subscription.test_clock
      : typeof customer.test_clock === 'string'
        ? customer.test_clock
        : (customer.test_clock?.id ?? null),
    total: subtotal,
    total_discount_amounts: [],
    total_excluding_tax: subtotal,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: fields.created,
    subscription: null,
  };
  applyInvoiceDiscounts(invoice, fields.discounts ?? []);
  return invoice;
}
