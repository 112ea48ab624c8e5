import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { startSandbox, type InjectionPlan, type InjectionRecord, type RunningSandbox } from '../../sandbox/index';
import { plainText, runScenarioInChildProcess } from '../detection/runScenarioInChildProcess';
import { externalIntegrationEnv } from '../support/externalIntegrationEnv';
import { withEnvironment } from './support/withEnvironment';

/** One harness API call in ten gets a fault (seeded), only the harness's own SDK calls ('dress-rehearsal'). */
const SANDBOX_INJECTION = '{"api":{"rate":0.1,"kinds":["500","429","409","drop"],"appName":"dress-rehearsal","seed":7}}';

let sandbox: RunningSandbox | undefined;

test.afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function injectionState(running: RunningSandbox): Promise<{ plan: InjectionPlan | null; injected: InjectionRecord[] }> {
  const res = await fetch(`${running.provider.url}/_sandbox/fault_injection`, {
    headers: { authorization: `Bearer ${running.provider.secretKey}` },
  });
  return (await res.json()) as { plan: InjectionPlan | null; injected: InjectionRecord[] };
}

test('the referral purchase + refund rehearsal passes while the provider faults the harness’s calls, and nothing is duplicated', async () => {
  test.setTimeout(300_000);
  // The sandbox is started here, reading SANDBOX_INJECTION as the embedded one does, so its provider outlives the
  // child run and can be listed afterwards; the child rehearses it through REHEARSAL_MERCHANT_URL & co.
  sandbox = await withEnvironment({ SANDBOX_INJECTION }, () => startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0 }));
  expect((await injectionState(sandbox)).plan, 'the sandbox read SANDBOX_INJECTION at start').toEqual(JSON.parse(SANDBOX_INJECTION));

  const running = sandbox;
  const run = await withEnvironment(externalIntegrationEnv(running), () =>
    runScenarioInChildProcess({ specFile: 'scenarios/referral-purchase-refund.spec.ts', faults: [], eventTimeoutMs: 20_000 }),
  );
  const error = plainText(run.result.error?.message);
  expect({ status: run.result.status, error: error.split('\n').slice(0, 6).join('\n') }, run.stderrTail).toEqual({
    status: 'passed',
    error: '',
  });
  expect(run.exitCode).toBe(0);

  const { injected } = await injectionState(running);
  expect(injected.length, 'faults were injected into the harness’s calls (else this proves nothing)').toBeGreaterThan(0);

  test.info().annotations.push({
    type: 'injected faults',
    description: `${injected.length} (${injected.map((r) => `${r.kind} ${r.target}`).join(', ')}) over ${run.flowRecords.flatMap((f) => f.providerRequests).length} provider calls of the flow`,
  });

  // One paid session and one charge; two refunds, as the scenario makes them: part at the provider (by the
  // harness, faulted and retried), the rest from the shop's admin. A duplicated refund would make a third.
  const stripe = new Stripe(running.provider.secretKey, {
    host: '127.0.0.1',
    port: Number(new URL(running.provider.url).port),
    protocol: 'http',
  });
  const sessions = (await stripe.checkout.sessions.list({ limit: 100 })).data.filter((s) => s.payment_status === 'paid');
  const charges = (await stripe.charges.list({ limit: 100 })).data;
  const refunds = (await stripe.refunds.list({ limit: 100 })).data;
  expect(
    { paidSessions: sessions.length, charges: charges.length, refunds: refunds.length },
    `no duplicate object at the provider (injected: ${injected.map((r) => `${r.kind} ${r.target}`).join(', ')})`,
  ).toEqual({ paidSessions: 1, charges: 1, refunds: 2 });
  const charge = charges[0]!;
  expect(refunds.every((refund) => refund.charge === charge.id)).toBe(true);
  expect(
    refunds.reduce((sum, refund) => sum + refund.amount, 0),
    'the refunds add up to the charge, no more',
  ).toBe(charge.amount);
  expect(charge.refunded).toBe(true);
});
