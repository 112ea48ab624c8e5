import type Stripe from 'stripe';
import { formatMoney } from '../../currencies';
import { newId } from '../core/ids';
import type { ProviderServices } from '../core/services';

export interface InvoiceFields {
  subscription: Stripe.Subscription;
  customer: Stripe.Customer;
  billingReason: 'subscription_create' | 'subscription_cycle';
  /** When the invoice is made: the customer's clock time, or now. */
  created: number;
  /** The service period its lines bill. */
  servicePeriod: { start: number; end: number };
  /** The invoice's own period: the period that just ended for a renewal, `created` for the first invoice. */
  invoicePeriod: { start: number; end: number };
}

/** One invoice line per subscription item, for the service period billed. */
function linesFor(services: ProviderServices, invoiceId: string, fields: InvoiceFields): Stripe.InvoiceLineItem[] {
  return fields.subscription.items.data.map((item) => {
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
          subscription: fields.subscription.id,
          subscription_item: item.id,
        },
        type: 'subscription_item_details',
      },
      period: { start: fields.servicePeriod.start, end: fields.servicePeriod.end },
      pretax_credit_amounts: [],
      pricing: { price_details: { price: item.price.id, product }, type: 'price_details', unit_amount_decimal: item.price.unit_amount_decimal },
      quantity,
      quantity_decimal: null,
      subscription: fields.subscription.id,
      subtotal: amount,
      taxes: [],
    };
  });
}


/** A new draft subscription invoice with its lines and every field Stripe returns. */
export function newInvoice(services: ProviderServices, fields: InvoiceFields): Stripe.Invoice {
  const id = newId('in');
  const lines = linesFor(services, id, fields);
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const { customer, subscription } = fields;
  // `subscription` is the pre-2025 field Stripe's example still shows (null); this API version puts the
  // subscription under `parent.subscription_details.subscription`.
  const invoice: Stripe.Invoice & { subscription: null } = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Dress Rehearsal sandbox',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
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
    currency: subscription.currency,
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
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
      type: 'subscription_details',
    },
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
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: subscription.test_clock,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: fields.created,
    subscription: null,
  };
  return invoice;
}
