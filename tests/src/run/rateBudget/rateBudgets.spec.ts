import { expect, test } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { FlowRecorder } from '../../../../src/run/evidence/flowRecorder';
import { readRateBudgetConfig } from '../../../../src/run/rateBudget/budgetConfig';
import { RateBudgets } from '../../../../src/run/rateBudget/rateBudgets';
import { ReferralClient } from '../../../../src/run/referral/referralClient';

let server: FastifyInstance;
let apiBase: string;
let answered = 0;

test.beforeEach(async () => {
  answered = 0;
  server = Fastify();
  server.get('/v1/conversions', async (_request, reply) => {
    // The first call is told to come back in a moment.
    if (answered++ === 0)
      return reply
        .code(429)
        .header('retry-after', '0')
        .send({ error: { type: 'rate_limit_error', message: 'Too many requests.' } });
    return { object: 'list', data: [], has_more: false, url: '/v1/conversions' };
  });
  server.get('/v1/commissions', async () => ({ object: 'list', data: [], has_more: false, url: '/v1/commissions' }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

test.afterEach(async () => {
  await server.close();
});

test('counts every referral attempt, and its 429s, in the zone of its path', async () => {
  const budgets = new RateBudgets(readRateBudgetConfig({}));
  const since = Date.now();
  const client = new ReferralClient({ apiBase, secretKey: 'sk_test_rate_budget', budgets });
  await client.listConversions();
  await client.listCommissions();
  await client.listCommissions();
  const usage = budgets.usageSince(since);
  expect(usage.referralConversions).toMatchObject({ calls: 2, status429: 1, limit: 120, budget: 60, window: '60s' });
  expect(usage.referralGeneral).toMatchObject({ calls: 2, peakRate: 2, status429: 0, limit: 300, budget: 150 });
  expect(usage.referralClicks.calls).toBe(0);
  expect(usage.provider).toMatchObject({ calls: 0, limit: 25, budget: 12, window: '1s' });
});

test('makes calls over the budget wait, and reports the wait and the peak', async () => {
  const budgets = new RateBudgets({ ...readRateBudgetConfig({ REHEARSAL_RATE_LIMITS: '{"provider":2}' }), fraction: 1 });
  const since = Date.now();
  await Promise.all([1, 2, 3, 4, 5].map(() => budgets.take('provider', 'sk_test_rate_budget')));
  const usage = budgets.usageSince(since).provider;
  expect(usage).toMatchObject({ calls: 5, peakRate: 2, limit: 2, budget: 2, window: '1s' });
  // The 3rd and 4th waited a window, the 5th two.
  expect(usage.throttledMs).toBeGreaterThanOrEqual(4 * 1_000 - 50);
});

test('keeps one budget per key', async () => {
  const budgets = new RateBudgets({ ...readRateBudgetConfig({ REHEARSAL_RATE_LIMITS: '{"provider":1}' }), fraction: 1 });
  const since = Date.now();
  await Promise.all([budgets.take('provider', 'sk_test_one'), budgets.take('provider', 'sk_test_two')]);
  expect(budgets.usageSince(since).provider).toMatchObject({ calls: 2, peakRate: 2, throttledMs: 0 });
});

test('puts the usage in the flow record', async () => {
  const budgets = new RateBudgets(readRateBudgetConfig({}));
  const recorder = new FlowRecorder({ runId: 'rh-unit', testRunId: 't-unit', runDir: '/tmp/rh-unit' });
  await budgets.take('referralConversions', 'sk_test_rate_budget');
  recorder.apiUsage(budgets.usageSince(recorder.startedAt));
  const record = recorder.toRecord({ flow: 'unit', title: 'unit', file: 'unit.spec.ts', outcome: { status: 'passed' } });
  expect(record.apiUsage?.referralConversions).toMatchObject({ calls: 1, peakRate: 1, limit: 120, budget: 60 });
  expect(record.apiUsage?.provider.calls).toBe(0);
});
