import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import { invalidRequest } from '../core/errors';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST, type RequestRef } from '../events/eventLog';
import { changedFields } from '../resources/changedFields';
import { cancelSubscription } from './cancelSubscription';
import { expireIfDue } from './expireIncomplete';
import { createInvoice, defaultPaymentMethod, issueInvoice, payInvoice } from './invoicing';
import { addInterval } from './periods';
import { pendingInvoiceItems } from './prorations';
import { discountsForInvoice, dropEndedDiscounts } from './subscriptionDiscounts';
import { periodEnd } from './subscriptionObject';

/** How long an advance stays `advancing` before the sandbox runs the billing and reports `ready`. */
const ADVANCE_DELAY_MS = 25;
const BILLED_STATUSES = new Set<Stripe.Subscription.Status>(['active', 'past_due', 'trialing', 'unpaid']);

/** Every subscription of the customers that follow this clock. */
export function subscriptionsOnClock(services: ProviderServices, clockId: string): Stripe.Subscription[] {
  const customers = new Set(
    services.store
      .all('customer')
      .filter((c) => c.test_clock === clockId)
      .map((c) => c.id),
  );
  return services.store.all('subscription').filter((s) => customers.has(String(s.customer)));
}

/**
 * Stripe's limits on an advance: only forward, and at most two intervals of the shortest subscription
 * interval on the clock (two years when it has no subscription).
 */
export function checkAdvance(services: ProviderServices, clock: Stripe.TestHelpers.TestClock, target: number): void {
  if (clock.status === 'advancing') {
    throw invalidRequest('The test clock is currently advancing. Wait until its status is `ready` before advancing it again.', {
      code: 'test_clock_not_ready',
    });
  }
  if (target <= clock.frozen_time) {
    throw invalidRequest(
      `The frozen_time must be after the test clock's current frozen time (${clock.frozen_time}). Test clocks can only move forward.`,
      { param: 'frozen_time' },
    );
  }
  const billed = subscriptionsOnClock(services, clock.id).filter((s) => BILLED_STATUSES.has(s.status));
  const limits = billed.flatMap((s) =>
    s.items.data.map((item) => addInterval(clock.frozen_time, item.price.recurring ?? { interval: 'year', interval_count: 1 }, 2)),
  );
  const limit = limits.length > 0 ? Math.min(...limits) : addInterval(clock.frozen_time, { interval: 'year', interval_count: 2 });
  if (target > limit) {
    const what =
      limits.length > 0
        ? 'two intervals in the future from the shortest subscription in this test clock'
        : 'two years in the future when the test clock has no subscriptions';
    throw invalidRequest(`Cannot advance the test clock to ${target}: it can advance at most ${what} (up to ${limit}).`, {
      param: 'frozen_time',
    });
  }
}

/** Starts an advance: `advancing` now (`test_helpers.test_clock.advancing`), billing and `ready` shortly after. */
export function startAdvance(services: ProviderServices, clock: Stripe.TestHelpers.TestClock, target: number, request: RequestRef): void {
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: target } };
  services.events.emit('test_helpers.test_clock.advancing', clock, { request });
  const timer = setTimeout(() => {
    services.store.timers.delete(timer);
    if (!services.store.get('test_helpers.test_clock', clock.id)) return;
    try {
      runBilling(services, clock.id, target);
    } catch (err) {
      console.error(`[provider] test clock ${clock.id}: billing failed: ${(err as Error).message}`);
    }
    clock.frozen_time = target;
    clock.status = 'ready';
    clock.status_details = {};
    services.events.emit('test_helpers.test_clock.ready', clock, { request: NO_REQUEST });
  }, ADVANCE_DELAY_MS);
  services.store.timers.add(timer);
}

/** Expires unpaid first invoices, then bills every period that ends at or before `target`, period by period, as Stripe does while a clock advances. */
function runBilling(services: ProviderServices, clockId: string, target: number): void {
  // A first invoice left unpaid for 23 hours of clock time ends its subscription (`incomplete_expired`).
  for (const subscription of subscriptionsOnClock(services, clockId)) expireIfDue(services, subscription, target);
  const subscriptions = subscriptionsOnClock(services, clockId)
    .filter((s) => BILLED_STATUSES.has(s.status))
    .sort((a, b) => periodEnd(a) - periodEnd(b));
  for (const subscription of subscriptions) {
    for (let end = periodEnd(subscription); end <= target && subscription.status !== 'canceled'; end = periodEnd(subscription)) {
      if (subscription.cancel_at_period_end) {
        cancelSubscription(services, subscription, end, NO_REQUEST);
        break;
      }
      renew(services, subscription, end);
    }
  }
}

/**
 * One renewal: the next period, a `subscription_cycle` invoice (the items for the new period, pending prorations,
 * the subscription's discounts that still apply) charged to the default payment method.
 */
function renew(services: ProviderServices, subscription: Stripe.Subscription, at: number): void {
  const customer = services.store.get('customer', String(subscription.customer));
  if (!customer) return;
  const before = snapshot(subscription);
  const previousStart = Math.min(...subscription.items.data.map((item) => item.current_period_start));
  for (const item of subscription.items.data) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_start, item.price.recurring ?? { interval: 'month', interval_count: 1 });
  }
  dropEndedDiscounts(services, subscription, at);
  const invoice = createInvoice(services, {
    subscription,
    customer,
    billingReason: 'subscription_cycle',
    created: at,
    servicePeriod: { start: at, end: periodEnd(subscription) },
    invoicePeriod: { start: previousStart, end: at },
    // Prorations left pending by a change with `create_prorations` are billed with the renewal, as at Stripe.
    invoiceItems: pendingInvoiceItems(services, subscription.id),
    discounts: discountsForInvoice(services, subscription, at),
  });
  issueInvoice(services, invoice, at, NO_REQUEST);
  const paid = payInvoice(services, invoice, { paymentMethod: defaultPaymentMethod(services, subscription) }, at, NO_REQUEST);
  subscription.status = paid ? 'active' : 'past_due';
  const previous = changedFields(before, subscription);
  if (previous) services.events.emit('customer.subscription.updated', subscription, { request: NO_REQUEST, previous });
}
