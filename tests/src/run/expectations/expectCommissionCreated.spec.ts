import { test, expect } from '@playwright/test';
import type { TimelinePoint } from '../../../../src/run/evidence/flowRecord';
import { expectAmountEquals } from '../../../../src/run/expectations/expectAmountEquals';
import { expectCommissionCreated } from '../../../../src/run/expectations/expectCommissionCreated';
import type { ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import type { ReferralCommission, ReferralConversion, ReferralProgram } from '../../../../contracts/referral';

const conversion = {
  id: 'conv_1',
  object: 'conversion',
  partner: 'ptn_alice',
  program: 'prog_demo',
  amount: 2000,
  currency: 'usd',
  created: 1_790_000_000,
} as ReferralConversion;

/** A referral platform whose programme pays `percentage` % and has paid the conversion accordingly. */
function platformPaying(percentage: number): ReferralPlatform {
  const program = { id: 'prog_demo', object: 'program', rule: { type: 'percentage', percentage } } as ReferralProgram;
  const commission = {
    id: 'cm_1',
    object: 'commission',
    conversion: 'conv_1',
    partner: 'ptn_alice',
    program: 'prog_demo',
    status: 'pending',
    amount: (2000 * percentage) / 100,
    currency: 'usd',
    sale_amount: 2000,
    created: 1_790_000_001,
  } as ReferralCommission;
  return {
    retrieveProgram: async () => program,
    listCommissions: async () => ({ object: 'list', data: [commission], has_more: false, url: '/v1/commissions' }),
  } as unknown as ReferralPlatform;
}

function context() {
  const points: TimelinePoint[] = [];
  return {
    points,
    within: {
      evidence: { attachJson: async () => undefined, timeline: (point: TimelinePoint) => void points.push(point) },
      timeoutMs: 500,
    },
  };
}

test('passes when the commission is the rule applied and the amount agreed in the catalogue, and marks it on the timeline', async () => {
  const { points, within } = context();
  const commission = await expectCommissionCreated(platformPaying(20), { conversion, saleAmount: 2000, agreedAmount: 400 }, within);
  expect(commission.amount).toBe(400);
  expect(points).toEqual([
    { lane: 'referral', label: 'commission created (4.00 USD)', at: 1_790_000_001_000, precision: 's', objectId: 'cm_1' },
  ]);
});

test('fails naming the agreed and the paid amount when the programme is configured at another rate', async () => {
  const { within } = context();
  const error = await expectCommissionCreated(platformPaying(10), { conversion, saleAmount: 2000, agreedAmount: 400 }, within).catch(
    (e: unknown) => e,
  );
  expect((error as Error).message).toBe(
    "Expected the partner's commission cm_1 to be 4.00 USD (the commission agreed in the catalogue for a sale of 20.00 USD), but it is 2.00 USD.",
  );
});

test('works without a timeline (the context is optional about it)', async () => {
  const within = { evidence: { attachJson: async () => undefined }, timeoutMs: 500 };
  await expect(
    expectCommissionCreated(platformPaying(20), { conversion, saleAmount: 2000, agreedAmount: 400 }, within),
  ).resolves.toMatchObject({ id: 'cm_1' });
});

test('an amount check names both amounts and currencies in one sentence', () => {
  expect(() =>
    expectAmountEquals(
      'charge ch_1',
      { amount: 150000, currency: 'JPY' },
      { amount: 1500, currency: 'jpy', source: 'the catalogue price' },
    ),
  ).toThrow('Expected charge ch_1 to be 1,500 JPY (the catalogue price), but it is 150,000 JPY.');
  expect(() => expectAmountEquals('charge ch_1', { amount: 1500, currency: 'usd' }, { amount: 1500, currency: 'jpy' })).toThrow(
    'but it is 15.00 USD.',
  );
  expect(() => expectAmountEquals('charge ch_1', { amount: 1500, currency: 'JPY' }, { amount: 1500, currency: 'jpy' })).not.toThrow();
});
