import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { UnobservedDelivery } from '../../../../src/run/evidence/flowRecord';
import { expectClickRecorded } from '../../../../src/run/expectations/expectClickRecorded';
import { expectCommissionCreated } from '../../../../src/run/expectations/expectCommissionCreated';
import { expectReferralEventDelivered } from '../../../../src/run/expectations/expectReferralEventDelivered';
import type { ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import type { ReferralClick, ReferralCommission, ReferralConversion } from '../../../../contracts/referral';

/** A platform the way Rewardful's and Dub's adapters are: no programme, endpoint or delivery API, no clicks by run id. */
const LIMITS = {
  deliveryLog: "Acme's API lists no webhook deliveries: its dashboard's log is the only record",
  webhookEndpoints: "Acme's API has no webhook endpoints: they are added on its dashboard",
  program: "Acme's API returns no programme: the target's agreed commission is used",
  clicksByRunId: 'Acme stores no UTM parameters: the click is the one its script left in the browser',
};

const conversion = { id: 'conv_1', partner: 'ptn_alice', program: 'prog_demo', currency: 'usd', amount: 2000 } as ReferralConversion;
const commission = {
  id: 'cm_1',
  partner: 'ptn_alice',
  status: 'pending',
  amount: 400,
  currency: 'usd',
  sale_amount: 2000,
  created: 1_790_000_001,
} as ReferralCommission;
const click = { id: 'ref_1', partner_key: 'alice', created: 1_790_000_000 } as ReferralClick;

function limitedPlatform(extra: Partial<ReferralPlatform> = {}): ReferralPlatform {
  return {
    displayName: 'Acme',
    limits: LIMITS,
    listCommissions: async () => ({ object: 'list', data: [commission], has_more: false, url: '/commissions' }),
    listClicks: async () => ({ object: 'list', data: [], has_more: false, url: '/referrals' }),
    retrieveClick: async (id: string) => {
      if (id !== click.id) throw new Error(`no click ${id}`);
      return click;
    },
    ...extra,
  } as unknown as ReferralPlatform;
}

function recording() {
  const attached: Array<{ name: string; value: unknown }> = [];
  const unobserved: UnobservedDelivery[] = [];
  return {
    attached,
    unobserved,
    within: {
      evidence: {
        attachJson: async (name: string, value: unknown) => void attached.push({ name, value }),
        unobservedDelivery: (delivery: UnobservedDelivery) => void unobserved.push(delivery),
      },
      timeoutMs: 600,
    },
  };
}

test("no programme API: the commission is held to the target's agreed amount, and the evidence says the rule came from the target", async () => {
  const { attached, within } = recording();
  const found = await expectCommissionCreated(limitedPlatform(), { conversion, saleAmount: 2000, agreedAmount: 400 }, within);
  expect(found.id).toBe('cm_1');
  const calculation = attached.find((entry) => entry.name === 'commission calculation')!.value as Record<string, unknown>;
  expect(calculation).toMatchObject({ ruleSource: 'target', expectedAmount: 400 });
  expect(calculation.note).toBe(
    `the commission rule was taken from the target's agreed commission, not read from the platform: ${LIMITS.program}`,
  );

  const error = await expectCommissionCreated(
    limitedPlatform(),
    { conversion, saleAmount: 2000, agreedAmount: 300 },
    recording().within,
  ).catch((caught: unknown) => caught as Error);
  expect((error as Error).message).toContain(
    'the commission agreed in the target for 20.00 USD (the rule was taken from the target, not read from the platform)',
  );
});

test('no endpoint or delivery API: delivery to the merchant decides nothing, and says why in an attachment and the flow record', async () => {
  const { attached, unobserved, within } = recording();
  const delivered = await expectReferralEventDelivered(
    { referral: limitedPlatform() },
    { type: 'commission.created', objectId: 'cm_1' },
    within,
  );
  expect(delivered).toEqual({ messages: [] });
  expect(attached).toEqual([
    {
      name: "commission.created for cm_1: delivery to the merchant's endpoints not observable",
      value: {
        decided: false,
        reason: LIMITS.webhookEndpoints,
        note: "the harness cannot see whether the merchant's endpoints received it: read the platform's webhook log in its dashboard",
      },
    },
  ]);
  expect(unobserved).toEqual([
    { sender: 'referral-platform', eventType: 'commission.created', objectId: 'cm_1', reason: LIMITS.webhookEndpoints },
  ]);
});

test('no clicks by run id: the click is the one whose id the browser holds', async () => {
  const page = {} as Page;
  let reads = 0;
  const referral = limitedPlatform({
    browserClickId: async (given: Page) => {
      expect(given).toBe(page);
      reads += 1;
      return reads < 2 ? undefined : 'ref_1'; // the script records the visit asynchronously
    },
  });
  const { attached, within } = recording();
  const found = await expectClickRecorded(
    referral,
    { runId: 'rh-1', clickId: '', partnerKey: 'alice', readBrowserClickId: () => referral.browserClickId!(page) },
    { ...within, timeoutMs: 3_000 },
  );
  expect(found.id).toBe('ref_1');
  expect(attached.map((entry) => entry.name)).toEqual(['click id read from the browser', 'referral click']);
});

test('no clicks by run id and no browserClickId: a clear failure naming what is missing', async () => {
  const error = await expectClickRecorded(
    limitedPlatform(),
    { runId: 'rh-1', clickId: 'x', partnerKey: 'alice' },
    recording().within,
  ).catch((caught: unknown) => caught as Error);
  expect((error as Error).message).toBe(
    `The click cannot be found: Acme cannot look clicks up by the run id (${LIMITS.clicksByRunId}), and its adapter has no browserClickId(page) to read the click id its tracking script left in the browser: add browserClickId to the referral platform adapter (docs/referral-adapter.md).`,
  );
});
