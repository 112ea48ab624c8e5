import type Stripe from 'stripe';
import type { ExpectationContext } from './expectationContext';
import { pollUntil } from '../polling/pollUntil';
import { wakeOnProviderEvents } from './wakeOnEvents';

/**
 * Provider test clocks, driven by the harness: a clock per run (its name carries the run id, so a shared
 * account shows whose it is), advanced to a time and awaited until the provider has finished advancing it.
 */
export async function createRunTestClock(
  provider: Stripe,
  runId: string,
  frozenTime = Math.floor(Date.now() / 1000),
): Promise<Stripe.TestHelpers.TestClock> {
  return provider.testHelpers.testClocks.create({ frozen_time: frozenTime, name: `rehearsal ${runId}` });
}

/** Deletes the run's clock (and with it, at the provider, its customers and their subscriptions). */
export async function deleteTestClock(provider: Stripe, clockId: string): Promise<void> {
  await provider.testHelpers.testClocks.del(clockId);
}

/** Starts advancing the clock to `frozenTime` (unix s) and waits until its status is `ready` at that time. */
export async function advanceTestClock(
  provider: Stripe,
  clockId: string,
  frozenTime: number,
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.TestHelpers.TestClock> {
  await provider.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  const target = new Date(frozenTime * 1000).toISOString();
  const { value: ready } = await pollUntil({
    what: `test clock ${clockId} advanced to ${target} (status ready)`,
    where: `the provider's API (GET /v1/test_helpers/test_clocks/${clockId})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'test_helpers.test_clock.'),
    check: async (note) => {
      const clock = await provider.testHelpers.testClocks.retrieve(clockId);
      note(`status ${clock.status} at ${new Date(clock.frozen_time * 1000).toISOString()}`);
      return clock.status === 'ready' && clock.frozen_time >= frozenTime ? clock : undefined;
    },
  });
  await evidence.attachJson(`test clock advanced to ${target}`, ready);
  return ready;
}

/** The end of the subscription's current period (unix s): on its items since API version 2025-03-31. */
export function currentPeriodEnd(subscription: Stripe.Subscription): number {
  const ends = subscription.items.data.map((item) => item.current_period_end);
  if (ends.length === 0) throw new Error(`Subscription ${subscription.id} has no items, so no current period.`);
  return Math.min(...ends);
}
