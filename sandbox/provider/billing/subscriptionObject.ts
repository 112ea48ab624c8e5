import type Stripe from 'stripe';
import { newId } from '../core/ids';
import { addInterval } from './periods';

export interface SubscriptionFields {
  customer: string;
  items: { price: Stripe.Price; quantity: number }[];
  /** Start of the first period: the customer's clock time, or now. */
  start: number;
  defaultPaymentMethod: string | null;
  metadata: Record<string, string>;
  description: string | null;
  testClock: string | null;
  livemode: boolean;
  /** `payment_settings.save_default_payment_method` (Stripe's default: `off`). */
  saveDefaultPaymentMethod?: 'off' | 'on_subscription';
}

/** The legacy `plan` Stripe still returns beside each item's `price`. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  const recurring = price.recurring!;
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: price.livemode,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: recurring.usage_type,
  };
}

/**
 * A new Subscription in `incomplete` (its first invoice not yet paid), with every field Stripe returns.
 * In this API version the current period lives on each item (`items.data[].current_period_start|end`).
 */
export function newSubscription(fields: SubscriptionFields): Stripe.Subscription {
  const id = newId('sub');
  const items = fields.items.map(({ price, quantity }) =>
    newSubscriptionItem(id, price, quantity, fields.start, { start: fields.start, end: addInterval(fields.start, price.recurring!) }),
  );
  return {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: fields.start,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: fields.start,
    currency: fields.items[0]?.price.currency ?? 'usd',
    customer: fields.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: fields.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: fields.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: fields.livemode,
    managed_payments: null,
    metadata: fields.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: fields.saveDefaultPaymentMethod ?? 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: fields.start,
    status: 'incomplete',
    test_clock: fields.testClock,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: 'unchanged', missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

/** A subscription item (SDK `Stripe.SubscriptionItem`) billed for `period`, its current one. */
export function newSubscriptionItem(
  subscription: string,
  price: Stripe.Price,
  quantity: number,
  created: number,
  period: { start: number; end: number },
): Stripe.SubscriptionItem {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(price),
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

/** The end of the subscription's current period (the earliest of its items'). */
export function periodEnd(subscription: Stripe.Subscription): number {
  return Math.min(...subscription.items.data.map((item) => item.current_period_end));
}
