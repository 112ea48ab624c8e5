import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import { commissionAfterRefund } from '../referral/commissionRules';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralCommission } from '../../../contracts/referral';
import type { ExpectationContext } from './expectationContext';
import { wakeOnReferralEvents } from './wakeOnEvents';

/** After a full refund, the referral platform shows the commission refunded (reversed) for the whole sale. */
export async function expectCommissionReversed(
  referral: ReferralPlatform,
  commission: ReferralCommission,
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<ReferralCommission> {
  const { value: reversed } = await pollUntil({
    what: `commission ${commission.id} reversed (status refunded)`,
    where: `the referral platform's API (GET /v1/commissions/${commission.id})`,
    timeoutMs,
    wakeOn: wakeOnReferralEvents({ arrivals }, 'commission.refunded'),
    check: async (note) => {
      const current = await referral.retrieveCommission(commission.id);
      note(`status ${current.status}`);
      return current.status === 'refunded' ? current : undefined;
    },
  });
  await evidence.attachJson('reversed commission', reversed);
  evidence.timeline?.(momentAtUnixSeconds('referral', 'commission reversed', reversed.updated, reversed.id));
  // commission.sale_amount was checked against the provider's sale amount when the commission was created.
  expect(reversed.refunded_sale_amount, 'the whole sale is recorded as refunded').toBe(commission.sale_amount);
  expect(reversed.amount, 'nothing is left of the commission after a full refund').toBe(
    commissionAfterRefund(commission.amount, commission.sale_amount, commission.sale_amount),
  );
  return reversed;
}
