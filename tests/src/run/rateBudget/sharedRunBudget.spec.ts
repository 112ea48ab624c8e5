import { expect, test } from '@playwright/test';
import { readRateBudgetConfig } from '../../../../src/run/rateBudget/budgetConfig';
import { BudgetServer } from '../../../../src/run/rateBudget/budgetServer';
import { RateBudgets } from '../../../../src/run/rateBudget/rateBudgets';
import { peakInWindow } from '../../../../src/run/rateBudget/usageRecorder';

test('two workers asking one budget server stay inside the run budget together', async () => {
  const server = new BudgetServer();
  const url = await server.start();
  try {
    // The run's budget: 5 calls per second (limit 10 × 0.5), not divided between the 2 workers.
    const env = { REHEARSAL_RATE_LIMITS: '{"provider":10}', REHEARSAL_RATE_BUDGET_URL: url };
    const workers = [new RateBudgets(readRateBudgetConfig(env, 2)), new RateBudgets(readRateBudgetConfig(env, 2))];
    const since = Date.now();
    const starts = await Promise.all(Array.from({ length: 12 }, (_, call) => workers[call % 2]!.take('provider', 'sk_test_shared')));
    expect(peakInWindow(starts, 1_000)).toBeLessThanOrEqual(5);
    // 5, 5 and 2 calls: the last two start two windows after the first.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(2 * 1_000);
    for (const worker of workers) {
      expect(worker.usageSince(since).provider).toMatchObject({ calls: 6, limit: 10, budget: 5 });
    }
  } finally {
    await server.stop();
  }
});

test('a worker that cannot reach the budget server keeps its own share, counts the call and says so once', async () => {
  const gone = new BudgetServer();
  const url = await gone.start();
  await gone.stop();
  const said: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const budgets = new RateBudgets(readRateBudgetConfig({ REHEARSAL_RATE_LIMITS: '{"provider":8}', REHEARSAL_RATE_BUDGET_URL: url }, 2));
    const since = Date.now();
    await Promise.all([budgets.take('provider', 'sk_test_alone'), budgets.take('provider', 'sk_test_alone')]);
    await budgets.take('provider', 'sk_test_alone');
    // Its share: 8 × 0.5 ÷ 2 workers.
    expect(budgets.usageSince(since).provider).toMatchObject({ calls: 3, limit: 8, budget: 2 });
  } finally {
    process.stderr.write = write;
  }
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(
    /budget server at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(no answer: ECONNREFUSED\); this process keeps its own share \(0\.25\)/,
  );
});
