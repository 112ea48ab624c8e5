import { hashAt, idOf, type JsonObject, type RenderContext, type VersionGate } from '../gate';

/** The first of `discounts` as the Discount object older versions embedded in `discount`, or null. */
function firstDiscount(object: JsonObject, context: RenderContext): JsonObject | null {
  const discounts = Array.isArray(object.discounts) ? object.discounts : [];
  const first = discounts[0];
  if (first && typeof first === 'object') return first as JsonObject;
  const id = idOf(first);
  return (id && context.find(id)) || null;
}

/** A coupon as older versions embedded it (the whole Coupon), from an id or an expanded one; deleted coupons too. */
function couponObject(coupon: unknown, context: RenderContext): JsonObject | null {
  if (coupon && typeof coupon === 'object') return coupon as JsonObject;
  const id = idOf(coupon);
  if (!id) return null;
  const deleted = context.store.deletedCoupons.get(id);
  return context.find(id) ?? (deleted ? (JSON.parse(JSON.stringify(deleted)) as JsonObject) : null);
}

/** The PaymentIntent that pays (or paid) an invoice: its default invoice payment's, else its newest. */
function paymentIntentOfInvoice(context: RenderContext, invoiceId: string): string | null {
  const payments = context.store.invoicePayments.get(invoiceId) ?? [];
  const payment = payments.find((candidate) => candidate.is_default) ?? payments[payments.length - 1];
  return payment ? idOf(payment.payment.payment_intent) : null;
}

/** `Invoice.total_taxes` (basil) as the older `total_tax_amounts`. */
function totalTaxAmounts(invoice: JsonObject): JsonObject[] {
  const taxes = Array.isArray(invoice.total_taxes) ? (invoice.total_taxes as JsonObject[]) : [];
  return taxes.map((tax) => ({
    amount: tax.amount,
    inclusive: tax.tax_behavior === 'inclusive',
    tax_rate: hashAt(tax, 'tax_rate_details')?.tax_rate ?? null,
    taxability_reason: tax.taxability_reason ?? null,
    taxable_amount: tax.taxable_amount ?? null,
  }));
}

export const BILLING_GATES: VersionGate[] = [
  {
    version: '2025-09-30.clover',
    objects: ['discount'],
    change: 'Discount.coupon (the auto-expanded Coupon) removed; Discount.source { type: "coupon", coupon } added',
    source:
      'docs.stripe.com/changelog/clover/2025-09-30/add-discount-source-property; stripe-node 19.0.0 CHANGELOG: "Remove support for ' +
      '`coupon` on `Discount` … Use `Discount.source.coupon`"; `Discount.coupon` in the 2023-08-16 OpenAPI spec',
    downgrade(discount, context) {
      const source = hashAt(discount, 'source');
      const coupon = source?.coupon;
      discount.coupon = couponObject(coupon, context);
      delete discount.source;
    },
  },
  {
    version: '2025-09-30.clover',
    objects: ['promotion_code'],
    change: 'PromotionCode.coupon (the auto-expanded Coupon) moved to promotion.coupon (an id) in a polymorphic promotion hash',
    source:
      'docs.stripe.com/changelog/clover/2025-09-30/polymorphic-coupon; stripe-node 19.0.0 CHANGELOG: "Add support for `promotion` on … ' +
      '`PromotionCode`"; `promotion_code.coupon` (required Coupon) in the 2023-08-16 OpenAPI spec',
    downgrade(code, context) {
      code.coupon = couponObject(hashAt(code, 'promotion')?.coupon, context);
      delete code.promotion;
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['invoice'],
    change:
      'Invoice paid, paid_out_of_band, payment_intent, charge (moved to invoice payments), subscription, subscription_details, quote ' +
      '(moved to parent), discount, tax, total_tax_amounts (→ total_taxes), application_fee_amount, transfer_data removed',
    source:
      'stripe-node 18.0.0 CHANGELOG: "Remove support for `application_fee_amount`, `charge`, `paid_out_of_band`, `paid`, `payment_intent`, ' +
      '`quote`, `subscription`, `subscription_details`, `subscription_proration_date`, `tax`, `total_tax_amounts`, and `transfer_data` ' +
      'on `Invoice`", "Remove support for `discount` on `Invoice` and `Subscription`"; ' +
      'docs.stripe.com/changelog/basil/2025-03-31/adds-new-parent-field-to-invoicing-objects; the 2023-08-16 OpenAPI spec (invoice)',
    downgrade(invoice, context) {
      const id = idOf(invoice.id) ?? '';
      const parent = hashAt(invoice, 'parent');
      const subscriptionDetails = parent ? hashAt(parent, 'subscription_details') : undefined;
      const intentId = paymentIntentOfInvoice(context, id);
      const intent = intentId ? context.store.get('payment_intent', intentId) : undefined;
      const totalTaxes = totalTaxAmounts(invoice);
      invoice.application_fee_amount = null;
      invoice.charge = intent ? idOf(intent.latest_charge) : null;
      invoice.discount = firstDiscount(invoice, context);
      invoice.paid = invoice.status === 'paid';
      invoice.paid_out_of_band = false;
      invoice.payment_intent = intentId;
      invoice.quote = idOf(hashAt(parent ?? {}, 'quote_details')?.quote);
      invoice.subscription = idOf(subscriptionDetails?.subscription);
      invoice.subscription_details = subscriptionDetails ? { metadata: subscriptionDetails.metadata ?? null } : null;
      invoice.tax = totalTaxes.length ? totalTaxes.reduce((sum, tax) => sum + Number(tax.amount ?? 0), 0) : null;
      invoice.total_tax_amounts = totalTaxes;
      invoice.transfer_data = null;
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['line_item'],
    change:
      'Invoice line item price (→ pricing.price_details), type, subscription_item, invoice_item, proration, proration_details ' +
      '(→ parent), tax_amounts (→ taxes), tax_rates, amount_excluding_tax, unit_amount_excluding_tax removed',
    source:
      'stripe-node 18.0.0 CHANGELOG ("Remove support for `price` on … `InvoiceLineItem`", "`invoice_item`, `proration_details`, ' +
      '`proration`, `tax_rates`, and `type` on `InvoiceLineItem`", "`plan` and `subscription_item` on … `InvoiceLineItem`", ' +
      '"`tax_amounts`", "`amount_excluding_tax` and `unit_amount_excluding_tax`"); the 2023-08-16 OpenAPI spec (line_item, no `plan`)',
    downgrade(line, context) {
      // Checkout's line items are `object: "item"`; only invoice lines are `line_item`.
      const parent = hashAt(line, 'parent');
      const fromSubscription = parent ? hashAt(parent, 'subscription_item_details') : undefined;
      const fromInvoiceItem = parent ? hashAt(parent, 'invoice_item_details') : undefined;
      const pricing = hashAt(line, 'pricing');
      const priceId = idOf(hashAt(pricing ?? {}, 'price_details')?.price);
      const quantity = typeof line.quantity === 'number' ? line.quantity : 1;
      // `invoice_item` and `subscription_item` are optional but never null in the 2023-08-16 spec: set only when there is one.
      const invoiceItem = idOf(fromSubscription?.invoice_item ?? fromInvoiceItem?.invoice_item);
      const subscriptionItem = idOf(fromSubscription?.subscription_item);
      line.amount_excluding_tax = line.amount;
      if (invoiceItem) line.invoice_item = invoiceItem;
      line.price = (priceId && context.find(priceId)) || null;
      line.proration = fromSubscription?.proration ?? fromInvoiceItem?.proration ?? false;
      line.proration_details = fromSubscription?.proration_details ?? fromInvoiceItem?.proration_details ?? { credited_items: null };
      if (subscriptionItem) line.subscription_item = subscriptionItem;
      line.tax_amounts = [];
      line.tax_rates = [];
      line.type = fromSubscription ? 'subscription' : 'invoiceitem';
      line.unit_amount_excluding_tax = pricing?.unit_amount_decimal ?? (quantity ? String(Number(line.amount) / quantity) : null);
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['subscription'],
    change:
      'Subscription current_period_start/current_period_end (→ items.data[].current_period_*), discount and billing_thresholds removed',
    source:
      'stripe-node 18.0.0 CHANGELOG: "Remove support for `current_period_end` and `current_period_start` on `Subscription`", "`discount` ' +
      'on `Invoice` and `Subscription`", "`billing_thresholds` on … `SubscriptionItem` … and `Subscription`"',
    downgrade(subscription, context) {
      const items = hashAt(subscription, 'items');
      const first = (Array.isArray(items?.data) ? (items.data as JsonObject[]) : [])[0];
      subscription.current_period_start = first?.current_period_start ?? null;
      subscription.current_period_end = first?.current_period_end ?? null;
      subscription.discount = firstDiscount(subscription, context);
      subscription.billing_thresholds = subscription.billing_thresholds ?? null;
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['subscription_item'],
    change: 'SubscriptionItem billing_thresholds removed',
    source: 'stripe-node 18.0.0 CHANGELOG: "Remove support for `billing_thresholds` on … `SubscriptionItem`"',
    downgrade(item) {
      item.billing_thresholds = item.billing_thresholds ?? null;
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['price', 'plan'],
    change: 'Price.recurring.aggregate_usage and Plan.aggregate_usage removed (null for licensed prices)',
    source:
      'stripe-node 18.0.0 CHANGELOG: "Remove support for `aggregate_usage` on … `Plan`, `Price.recurring`"; the 2023-08-16 OpenAPI spec ' +
      '(recurring.aggregate_usage, plan.aggregate_usage)',
    downgrade(object) {
      if (object.object === 'plan') {
        object.aggregate_usage = object.aggregate_usage ?? null;
        return;
      }
      const recurring = hashAt(object, 'recurring');
      if (recurring) recurring.aggregate_usage = recurring.aggregate_usage ?? null;
    },
  },
  {
    version: '2024-04-10',
    objects: ['invoice'],
    change: 'Invoice rendering_options renamed rendering (rendering itself was added 2023-09-28, so older versions show both)',
    source:
      'docs.stripe.com/changelog/2024-04-10/renames-rendering-options-invoicing; stripe-node 15.0.0 CHANGELOG: "Remove the legacy field ' +
      '`rendering_options` in `Invoice`"; stripe-node 13.8.0 (2023-09-28): "Add support for `rendering` on … `Invoice`"',
    downgrade(invoice) {
      const display = hashAt(invoice, 'rendering')?.amount_tax_display ?? null;
      invoice.rendering_options = display ? { amount_tax_display: display } : null;
    },
  },
];
