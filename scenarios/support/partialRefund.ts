import type Stripe from 'stripe';
import { expectAmountEquals } from '../../src/run/expectations/index';
import type { ExpectationContext } from '../../src/run/expectations/expectationContext';
import { wakeOnProviderEvents, wakeOnReferralEvents } from '../../src/run/expectations/wakeOnEvents';
import { pollUntil } from '../../src/run/polling/pollUntil';
import { commissionAfterRefund } from '../../src/run/referral/commissionRules';
import type { ReferralPlatform } from '../../src/model/target/referralPlatform';
import type { ReferralCommission } from '../../contracts/referral';

/**
 * A partial refund that tells rounding from truncation: about a quarter of the sale, nudged until the scaled
 * commission has a fraction of one half or more (2000 usd at 400 → refund 501, commission 299.8 → 300, not 299).
 */
export function partialRefundAmount(commission: ReferralCommission): number {
  const sale = commission.sale_amount;
  const start = Math.max(1, Math.floor(sale / 4));
  for (let refund = start; refund < sale && refund < start + 100; refund += 1) {
    const exact = (commission.original_amount * (sale - refund)) / sale;
    if (exact - Math.floor(exact) >= 0.5) return refund;
  }
  return start;
}

/**
 * After a partial refund of `refunded` (of the commission's sale), the commission is scaled in proportion, rounded to
 * the minor unit, still owed (not reversed). Its announcement (commission.refunded) is the webhooks-delivered item's.
 */
export async function expectCommissionScaled(
  context: { referral: ReferralPlatform },
  commission: ReferralCommission,
  refunded: number,
  within: ExpectationContext,
): Promise<ReferralCommission> {
  const { value: current } = await pollUntil({
    what: `commission ${commission.id} updated for the refund of ${refunded} (what the platform's commission.refunded announces)`,
    where: `the referral platform's API (GET /v1/commissions/${commission.id})`,
    timeoutMs: within.timeoutMs,
    wakeOn: wakeOnReferralEvents(within, 'commission.refunded'),
    check: async (note) => {
      const found = await context.referral.retrieveCommission(commission.id);
      note(`refunded_sale_amount ${found.refunded_sale_amount}, status ${found.status}`);
      return found.refunded_sale_amount > 0 ? found : undefined;
    },
  });
  await within.evidence.attachJson('commission after the partial refund', current);
  const sale = commission.sale_amount;
  const expected = commissionAfterRefund(commission.original_amount, sale, refunded);
  expectAmountEquals(`commission ${commission.id} after a refund of ${refunded} of the ${sale} ${commission.currency} sale`, current, {
    amount: expected,
    currency: commission.currency,
    source: `the agreed ${commission.original_amount} scaled by ${sale - refunded}/${sale}, rounded to the minor unit`,
  });
  return current;
}

/** The provider shows the charge refunded in full, however many refunds it took. */
export async function expectChargeRefundedInFull(provider: Stripe, charge: Stripe.Charge, { evidence, timeoutMs, arrivals }: ExpectationContext): Promise<Stripe.Charge> {
  const { value: refunded } = await pollUntil({
    what: `charge ${charge.id} refunded in full (${charge.amount} ${charge.currency})`,
    where: `the provider's API (GET /v1/charges/${charge.id})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'charge.refunded', 'refund.'),
    check: async (note) => {
      const current = await provider.charges.retrieve(charge.id);
      note(`amount_refunded ${current.amount_refunded}, refunded ${current.refunded}`);
      return current.refunded && current.amount_refunded === charge.amount ? current : undefined;
    },
  });
  const refunds = await provider.refunds.list({ charge: charge.id, limit: 100 });
  await evidence.attachJson('refunds of the charge', refunds.data);
  return refunded;
}
