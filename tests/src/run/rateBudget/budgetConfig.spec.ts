import { expect, test } from '@playwright/test';
import { readRateBudgetConfig } from '../../../../src/run/rateBudget/budgetConfig';

test('allows half of each published limit by default', () => {
  const config = readRateBudgetConfig({});
  expect(config.fraction).toBe(0.5);
  expect(config.limits).toEqual({ provider: 25, providerLive: 100, referralClicks: 1_000, referralConversions: 120, referralGeneral: 300 });
});

test('reads the fraction and per-zone limits from the environment', () => {
  const config = readRateBudgetConfig({
    REHEARSAL_RATE_BUDGET_FRACTION: '0.8',
    REHEARSAL_RATE_LIMITS: '{"provider":10,"referralGeneral":60}',
  });
  expect(config.fraction).toBe(0.8);
  expect(config.limits.provider).toBe(10);
  expect(config.limits.referralGeneral).toBe(60);
  expect(config.limits.referralConversions).toBe(120);
});

test("divides the fraction between the workers, and keeps the whole run's for the budget server", () => {
  expect(readRateBudgetConfig({}, 2)).toMatchObject({ fraction: 0.25, runFraction: 0.5 });
  expect(readRateBudgetConfig({ REHEARSAL_RATE_BUDGET_FRACTION: '1' }, 4)).toMatchObject({ fraction: 0.25, runFraction: 1 });
});

test('reads the budget server URL, if any', () => {
  expect(readRateBudgetConfig({ REHEARSAL_RATE_BUDGET_URL: 'http://127.0.0.1:4100' }).budgetServerUrl).toBe('http://127.0.0.1:4100');
  expect(readRateBudgetConfig({ REHEARSAL_RATE_BUDGET_URL: ' ' }).budgetServerUrl).toBeUndefined();
  expect(readRateBudgetConfig({}).budgetServerUrl).toBeUndefined();
});

test('rejects bad settings with one-line errors', () => {
  const bad: Record<string, string>[] = [
    { REHEARSAL_RATE_BUDGET_FRACTION: '0' },
    { REHEARSAL_RATE_BUDGET_FRACTION: '1.5' },
    { REHEARSAL_RATE_BUDGET_FRACTION: 'half' },
    { REHEARSAL_RATE_LIMITS: '{provider:25' },
    { REHEARSAL_RATE_LIMITS: '[25]' },
    { REHEARSAL_RATE_LIMITS: '{"stripe":25}' },
    { REHEARSAL_RATE_LIMITS: '{"provider":-1}' },
    { REHEARSAL_RATE_LIMITS: '{"provider":"25"}' },
  ];
  for (const env of bad) {
    let message = '';
    try {
      readRateBudgetConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message, JSON.stringify(env)).toMatch(/^REHEARSAL_RATE_(BUDGET_FRACTION|LIMITS)/);
    expect(message).not.toContain('\n');
  }
});
