import { BudgetServer } from './budgetServer';

/**
 * Playwright globalSetup: starts the run's budget server and hands its URL to every worker in
 * REHEARSAL_RATE_BUDGET_URL (Playwright passes environment set here to the workers); the function it returns is the
 * teardown that stops it. A caller that set REHEARSAL_RATE_BUDGET_URL already holds the budget: nothing starts.
 */
export default async function startRunBudgetServer(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.REHEARSAL_RATE_BUDGET_URL) return undefined;
  const server = new BudgetServer();
  process.env.REHEARSAL_RATE_BUDGET_URL = await server.start();
  return async () => {
    delete process.env.REHEARSAL_RATE_BUDGET_URL;
    await server.stop();
  };
}
