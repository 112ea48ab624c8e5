import type Stripe from 'stripe';
import { pollUntil } from '../polling/pollUntil';
import type { PaymentReference } from '../../model/target/contract';
import type { ExpectationContext } from './expectationContext';
import { expectNothingNew, type SettleWindow } from './expectNothingNew';
import { describeCharges, findRunPayments, isSuccessfulCharge, RUN_PAYMENTS_WHERE, type RunPayments } from './runPayments';

/**
 * The customer was charged exactly once: one successful charge for the run appears, and no second one during
 * the settle window. `payments`: the payments the merchant's pages named. Resolves with the run's payments.
 */
export async function expectNoSecondCharge(
  provider: Stripe,
  run: { customerEmail: string; since: number; payments: PaymentReference[] } & SettleWindow,
  { evidence, timeoutMs }: ExpectationContext,
): Promise<RunPayments & { charge: Stripe.Charge }> {
  const lookup = () => findRunPayments(provider, run);
  const { value: first } = await pollUntil({
    what: `a successful charge for ${run.customerEmail}`,
    where: RUN_PAYMENTS_WHERE,
    timeoutMs,
    check: async (note) => {
      const payments = await lookup();
      note(describeCharges(payments.charges));
      return payments.charges.some(isSuccessfulCharge) ? payments : undefined;
    },
  });
  let latest = first;
  await expectNothingNew(
    {
      what: `second charge for ${run.customerEmail}`,
      where: RUN_PAYMENTS_WHERE,
      settleMs: run.settleMs,
      windowStartsAt: run.windowStartsAt,
      check: async () => {
        latest = await lookup();
        const succeeded = latest.charges.filter(isSuccessfulCharge);
        return succeeded.length > 1 ? `a second charge (${succeeded.length} successful charges: ${describeCharges(succeeded)})` : undefined;
      },
    },
    { evidence },
  );
  await evidence.attachJson("the run's charges", latest.charges);
  return { ...latest, charge: latest.charges.find(isSuccessfulCharge)! };
}
