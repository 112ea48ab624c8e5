import type Stripe from 'stripe';
import { unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';

/** The end of one billing interval starting at `start` (calendar months and years, in UTC, as Stripe bills). */
export function addInterval(start: number, recurring: Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>, times = 1): number {
  const date = new Date(start * 1000);
  const count = recurring.interval_count * times;
  switch (recurring.interval) {
    case 'day':
      date.setUTCDate(date.getUTCDate() + count);
      break;
    case 'week':
      date.setUTCDate(date.getUTCDate() + 7 * count);
      break;
    case 'month': {
      const day = date.getUTCDate();
      date.setUTCDate(1);
      date.setUTCMonth(date.getUTCMonth() + count);
      const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      date.setUTCDate(Math.min(day, last));
      break;
    }
    case 'year':
      date.setUTCFullYear(date.getUTCFullYear() + count);
      break;
  }
  return Math.floor(date.getTime() / 1000);
}

/** The test clock a customer follows, if any. */
export function clockOf(services: ProviderServices, customerId: string | null): Stripe.TestHelpers.TestClock | undefined {
  const customer = customerId ? services.store.get('customer', customerId) : undefined;
  const clockId = typeof customer?.test_clock === 'string' ? customer.test_clock : customer?.test_clock?.id;
  return clockId ? services.store.get('test_helpers.test_clock', clockId) : undefined;
}

/** "Now" for a customer: its test clock's frozen time, or the real time. */
export function customerNow(services: ProviderServices, customerId: string | null): number {
  return clockOf(services, customerId)?.frozen_time ?? unixNow();
}

export function customerIdOf(subscription: Stripe.Subscription): string {
  return typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
}
