import { expect, test } from '@playwright/test';
import { startProvider, type RunningProvider } from '../../../../sandbox/provider/index';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { readRateBudgetConfig } from '../../../../src/run/rateBudget/budgetConfig';
import { RateBudgets } from '../../../../src/run/rateBudget/rateBudgets';
import { peakInWindow } from '../../../../src/run/rateBudget/usageRecorder';
import { startFlakyProxy, type FlakyProxy } from '../../../resilience/support/flakyProxy';

let provider: RunningProvider;
let proxy: FlakyProxy;
/** When each request reached the provider, as the proxy in front of it saw them arrive. */
const arrivals: number[] = [];

test.beforeEach(async () => {
  arrivals.length = 0;
  provider = await startProvider({ port: 0 });
  proxy = await startFlakyProxy(provider.url, () => {
    arrivals.push(Date.now());
    return undefined;
  });
});

test.afterEach(async () => {
  await proxy.close();
  await provider.close();
});

test('spreads a burst of 60 provider calls so no second holds more than the budget', async () => {
  // The defaults: 50 % of Stripe's test-mode 25 req/s, so 12 calls in any second.
  const budgets = new RateBudgets(readRateBudgetConfig({}));
  const stripe = createProviderClient({ apiBase: proxy.url, secretKey: provider.secretKey, budgets });
  // One call first, so the burst does not also measure the sandbox's warm-up.
  await stripe.customers.list({ limit: 1 });
  arrivals.length = 0;
  const since = Date.now();

  const answers = await Promise.all(Array.from({ length: 60 }, () => stripe.customers.list({ limit: 1 })));

  expect(answers).toHaveLength(60);
  expect(arrivals).toHaveLength(60);
  const usage = budgets.usageSince(since).provider;
  expect(usage).toMatchObject({ calls: 60, peakRate: 12, limit: 25, budget: 12, window: '1s', status429: 0 });
  expect(usage.throttledMs).toBeGreaterThan(0);
  // The budget holds when calls are sent. The provider runs in this process, so its work delays when the proxy sees
  // calls arrive (two windows' calls can look bunched): arrivals are checked for the spread, and their peak is logged.
  console.log(`provider burst: peak ${peakInWindow(arrivals, 1_000)} arrivals in 1 s at the provider (budget 12, limit 25)`);
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(4 * 1_000 - 50);
});
