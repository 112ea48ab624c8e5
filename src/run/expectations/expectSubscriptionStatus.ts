import type Stripe from 'stripe';
import { pollUntil } from '../polling/pollUntil';
import type { ExpectationContext } from './expectationContext';
import { wakeOnProviderEvents } from './wakeOnEvents';

/** The provider shows the subscription `active`. */
export function expectSubscriptionActive(
  provider: Stripe,
  subscriptionId: string,
  within: ExpectationContext,
): Promise<Stripe.Subscription> {
  return expectSubscriptionStatus(provider, subscriptionId, 'active', within);
}

/** The provider shows the subscription `canceled`. */
export function expectSubscriptionCanceled(
  provider: Stripe,
  subscriptionId: string,
  within: ExpectationContext,
): Promise<Stripe.Subscription> {
  return expectSubscriptionStatus(provider, subscriptionId, 'canceled', within);
}

/**
 * The provider shows the subscription still `active` but set to end with its period (`cancel_at_period_end`): a
 * cancellation the merchant (or Stripe's customer portal, by its setting) made for the end of the period.
 */
export async function expectSubscriptionCancelsAtPeriodEnd(
  provider: Stripe,
  subscriptionId: string,
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.Subscription> {
  const { value: subscription } = await pollUntil({
    what: `subscription ${subscriptionId} active and set to cancel at the end of its period (cancel_at_period_end)`,
    where: `the provider's API (GET /v1/subscriptions/${subscriptionId})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'customer.subscription.'),
    check: async (note) => {
      const current = await provider.subscriptions.retrieve(subscriptionId);
      note(`status ${current.status}, cancel_at_period_end ${current.cancel_at_period_end}`);
      return current.status === 'active' && current.cancel_at_period_end ? current : undefined;
    },
  });
  await evidence.attachJson('subscription (cancels at period end)', subscription);
  return subscription;
}

async function expectSubscriptionStatus(
  provider: Stripe,
  subscriptionId: string,
  status: Stripe.Subscription.Status,
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.Subscription> {
  const { value: subscription } = await pollUntil({
    what: `subscription ${subscriptionId} ${status}`,
    where: `the provider's API (GET /v1/subscriptions/${subscriptionId})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'customer.subscription.'),
    check: async (note) => {
      const current = await provider.subscriptions.retrieve(subscriptionId);
      note(`status ${current.status}`);
      return current.status === status ? current : undefined;
    },
  });
  await evidence.attachJson(`subscription (${status})`, subscription);
  return subscription;
}
