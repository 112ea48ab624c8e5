import { expect, test } from '@playwright/test';
import startRunBudgetServer from '../../../../src/run/rateBudget/budgetServerSetup';
import { takeFromBudgetServer } from '../../../../src/run/rateBudget/budgetServerClient';

const request = { id: 'provider:provider:abc', budget: 1, windowMs: 1_000 };

test.describe('the run budget server setup', () => {
  let callers: string | undefined;
  test.beforeEach(() => {
    // This very run's globalSetup has set it: put it aside.
    callers = process.env.REHEARSAL_RATE_BUDGET_URL;
    delete process.env.REHEARSAL_RATE_BUDGET_URL;
  });
  test.afterEach(() => {
    if (callers === undefined) delete process.env.REHEARSAL_RATE_BUDGET_URL;
    else process.env.REHEARSAL_RATE_BUDGET_URL = callers;
  });

  test('hands the workers a loopback server URL, and its teardown stops the server', async () => {
    const teardown = await startRunBudgetServer();
    const url = process.env.REHEARSAL_RATE_BUDGET_URL;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await takeFromBudgetServer(url!, request)).toMatchObject({ waitedMs: 0 });
    await teardown!();
    expect(process.env.REHEARSAL_RATE_BUDGET_URL).toBeUndefined();
    await expect(takeFromBudgetServer(url!, request)).rejects.toThrow(/ECONNREFUSED/);
  });

  test('starts nothing when the caller has set REHEARSAL_RATE_BUDGET_URL', async () => {
    process.env.REHEARSAL_RATE_BUDGET_URL = 'http://127.0.0.1:9';
    expect(await startRunBudgetServer()).toBeUndefined();
    expect(process.env.REHEARSAL_RATE_BUDGET_URL).toBe('http://127.0.0.1:9');
  });
});
