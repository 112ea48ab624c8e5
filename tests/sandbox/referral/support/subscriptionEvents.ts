import Stripe from 'stripe';
import { randomBytes } from 'node:crypto';

function id(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** `unix` plus `months` calendar months (UTC), the day clamped to the month's end, as Stripe bills monthly. */
export function plusMonths(unix: number, months: number): number {
  const date = new Date(unix * 1000);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth() + months,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
  return Math.floor(shifted / 1000);
}

/** Decimal fields travel as strings (the SDK types them as its Decimal class once parsed). */
function decimal(text: string): NonNullable<Stripe.InvoiceLineItem['quantity_decimal']> {
  return text as unknown as NonNullable<Stripe.InvoiceLineItem['quantity_decimal']>;
}

function eventOf<E extends Stripe.Event>(type: E['type'], object: unknown): E {
  return {
    id: id('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object },
    livemode: false,
    pending_webhooks: 2,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as E;
}

export interface SubscriptionOptions {
  /** The click the shop put in client_reference_id, metadata and subscription_data.metadata. */
  clickId?: string | null;
  /** Whether the shop copied the click into `subscription_data.metadata` (default true). */
  clickInSubscriptionMetadata?: boolean;
  /** Monthly price, minor units (default 1500, the demo's "Rehearsal Club"). */
  amount?: number;
  customer?: string;
  /** The subscription's start (unix s); renewals follow monthly. Default: now. */
  start?: number;
}

/**
 * A monthly subscription as the provider reports it (API version `Stripe.API_VERSION`): its checkout session,
 * its paid invoices (n = 0 the first, `subscription_create`; n ≥ 1 renewals, `subscription_cycle`) and its
 * deletion. Invoice n always has the same id, so each call is another delivery (a new event) of that invoice.
 */
export class MonthlySubscription {
  readonly id = id('sub');
  readonly customer: string;
  readonly sessionId = id('cs_test');
  readonly orderId = id('ord');
  readonly amount: number;
  readonly start: number;
  readonly clickId: string | null;
  private readonly subscriptionMetadata: Stripe.Metadata;
  private readonly subscriptionItem = id('si');
  private readonly price = id('price');
  private readonly product = id('prod');
  private readonly invoiceIds = new Map<number, string>();
  private readonly paymentIntents = new Map<number, string>();

  constructor(options: SubscriptionOptions = {}) {
    this.clickId = options.clickId ?? null;
    this.customer = options.customer ?? id('cus');
    this.amount = options.amount ?? 1500;
    this.start = options.start ?? now();
    const withClick = (options.clickInSubscriptionMetadata ?? true) && this.clickId;
    this.subscriptionMetadata = withClick ? { order_id: this.orderId, referral_click_id: this.clickId! } : { order_id: this.orderId };
  }

  invoiceId(n: number): string {
    if (!this.invoiceIds.has(n)) this.invoiceIds.set(n, id('in'));
    return this.invoiceIds.get(n)!;
  }

  paymentIntent(n: number): string {
    if (!this.paymentIntents.has(n)) this.paymentIntents.set(n, id('pi'));
    return this.paymentIntents.get(n)!;
  }

  /** The paid invoice n, shaped as `Stripe.Invoice` of this API version. */
  invoice(n: number): Stripe.Invoice {
    const invoiceId = this.invoiceId(n);
    const servedFrom = plusMonths(this.start, n);
    const servedTo = plusMonths(this.start, n + 1);
    const created = n === 0 ? this.start : servedFrom;
    const line: Stripe.InvoiceLineItem = {
      id: id('il'),
      object: 'line_item',
      amount: this.amount,
      currency: 'usd',
      description: '1 × Rehearsal Club (at $15.00 / month)',
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: invoiceId,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: null,
          proration: false,
          proration_details: { credited_items: null },
          subscription: this.id,
          subscription_item: this.subscriptionItem,
        },
      },
      period: { start: servedFrom, end: servedTo },
      pretax_credit_amounts: [],
      pricing: {
        type: 'price_details',
        price_details: { price: this.price, product: this.product },
        unit_amount_decimal: decimal(String(this.amount)),
      },
      quantity: 1,
      quantity_decimal: decimal('1'),
      subscription: this.id,
      subtotal: this.amount,
      taxes: [],
    };
    return {
      id: invoiceId,
      object: 'invoice',
      account_country: 'US',
      account_name: 'Dress Rehearsal Demo Shop',
      account_tax_ids: null,
      amount_due: this.amount,
      amount_overpaid: 0,
      amount_paid: this.amount,
      amount_remaining: 0,
      amount_shipping: 0,
      application: null,
      attempt_count: 1,
      attempted: true,
      auto_advance: false,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      automatically_finalizes_at: null,
      billing_reason: n === 0 ? 'subscription_create' : 'subscription_cycle',
      collection_method: 'charge_automatically',
      created,
      currency: 'usd',
      custom_fields: null,
      customer: this.customer,
      customer_account: null,
      customer_address: null,
      customer_email: 'subscriber@example.test',
      customer_name: null,
      customer_phone: null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      due_date: null,
      effective_at: created,
      ending_balance: 0,
      footer: null,
      from_invoice: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      issuer: { type: 'self' },
      last_finalization_error: null,
      latest_revision: null,
      lines: { object: 'list', data: [line], has_more: false, url: `/v1/invoices/${invoiceId}/lines` },
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number: `REHEARSAL-${String(n + 1).padStart(4, '0')}`,
      on_behalf_of: null,
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { metadata: this.subscriptionMetadata, subscription: this.id },
      },
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      payments: {
        object: 'list',
        data: [
          {
            id: id('inpay'),
            object: 'invoice_payment',
            amount_paid: this.amount,
            amount_requested: this.amount,
            created,
            currency: 'usd',
            invoice: invoiceId,
            is_default: true,
            livemode: false,
            payment: { type: 'payment_intent', payment_intent: this.paymentIntent(n) },
            status: 'paid',
            status_transitions: { canceled_at: null, paid_at: created },
          },
        ],
        has_more: false,
        url: '/v1/invoice_payments',
      },
      // A first invoice's period is its creation instant; a renewal's is the period just ended.
      period_end: n === 0 ? created : servedFrom,
      period_start: n === 0 ? created : plusMonths(this.start, n - 1),
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: null,
      status: 'paid',
      status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: created, voided_at: null },
      subtotal: this.amount,
      subtotal_excluding_tax: this.amount,
      test_clock: null,
      total: this.amount,
      total_discount_amounts: [],
      total_excluding_tax: this.amount,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: created,
    };
  }

  /** One delivery (a new event id) of `invoice.paid` for invoice n. */
  invoicePaid(n: number): Stripe.InvoicePaidEvent {
    return eventOf('invoice.paid', this.invoice(n));
  }

  /** `checkout.session.completed` of the `mode=subscription` session that started the subscription. */
  checkoutCompleted(): Stripe.CheckoutSessionCompletedEvent {
    const session = {
      id: this.sessionId,
      object: 'checkout.session',
      mode: 'subscription',
      status: 'complete',
      payment_status: 'paid',
      amount_subtotal: this.amount,
      amount_total: this.amount,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      currency: 'usd',
      client_reference_id: this.clickId,
      metadata: this.clickId ? { order_id: this.orderId, referral_click_id: this.clickId } : { order_id: this.orderId },
      customer: this.customer,
      customer_details: { email: 'subscriber@example.test' },
      customer_email: null,
      payment_intent: null,
      subscription: this.id,
      invoice: this.invoiceId(0),
      created: this.start,
      livemode: false,
    };
    return eventOf('checkout.session.completed', session);
  }

  /** `customer.subscription.deleted`: the subscription was canceled. */
  deleted(): Stripe.CustomerSubscriptionDeletedEvent {
    const canceledAt = now();
    const subscription = {
      id: this.id,
      object: 'subscription',
      customer: this.customer,
      status: 'canceled',
      cancel_at_period_end: false,
      canceled_at: canceledAt,
      ended_at: canceledAt,
      cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' },
      metadata: this.subscriptionMetadata,
      start_date: this.start,
      livemode: false,
    };
    return eventOf('customer.subscription.deleted', subscription);
  }
}
