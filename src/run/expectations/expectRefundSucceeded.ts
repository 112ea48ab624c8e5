import type Stripe from 'stripe';
import { pollUntil } from '../polling/pollUntil';
import type { ExpectationContext } from './expectationContext';
import { wakeOnProviderEvents } from './wakeOnEvents';

/** The provider shows a succeeded refund of the whole charge. */
export async function expectRefundSucceeded(
  provider: Stripe,
  charge: Stripe.Charge,
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.Refund> {
  const { value: refund } = await pollUntil({
    what: `a succeeded refund of ${charge.amount} for charge ${charge.id}`,
    where: `the provider's API (GET /v1/refunds?charge=${charge.id})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'charge.refunded', 'refund.'),
    check: async (note) => {
      const refunds = await provider.refunds.list({ charge: charge.id, limit: 100 });
      note(refunds.data.length ? refunds.data.map((r) => `${r.id} ${r.status} ${r.amount}`).join(', ') : 'no refunds');
      return refunds.data.find((candidate) => candidate.status === 'succeeded' && candidate.amount === charge.amount);
    },
  });
  await evidence.attachJson('refund', refund);
  return refund;
}
