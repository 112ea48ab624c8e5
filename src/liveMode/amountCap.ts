import type Stripe from 'stripe';
import type { ExpectationContext } from '../expectations/expectationContext';
import type { TargetFlows } from '../target/contract';

/** The payment was refused before it was submitted: the amount is above the cap, or could not be read. */
export class AmountCapError extends Error {
  override name = 'AmountCapError';
}

/**
 * Before a payment page is submitted: reads the checkout session's `amount_total` from the provider and
 * refuses (throws, nothing submitted) when it is above `maxAmount` or cannot be read. Attaches what it read.
 */
export async function expectWithinAmountCap(
  provider: Stripe,
  options: { checkoutSessionId: string | undefined; maxAmount: number },
  context: Pick<ExpectationContext, 'evidence'>,
): Promise<Stripe.Checkout.Session> {
  const { checkoutSessionId, maxAmount } = options;
  if (!checkoutSessionId) {
    throw new AmountCapError(
      `Refusing to pay: the payment page does not show which checkout session it pays, so its amount cannot be checked against REHEARSAL_MAX_AMOUNT=${maxAmount}; nothing was submitted.`,
    );
  }
  const session = await provider.checkout.sessions.retrieve(checkoutSessionId);
  const amount = session.amount_total;
  await context.evidence.attachJson('amount cap check (before paying)', {
    checkout_session: session.id,
    amount_total: amount,
    currency: session.currency,
    max_amount: maxAmount,
    within_cap: amount !== null && amount <= maxAmount,
  });
  if (amount === null || amount === undefined) {
    throw new AmountCapError(`Refusing to pay: checkout session ${session.id} has no amount_total to check against REHEARSAL_MAX_AMOUNT=${maxAmount}; nothing was submitted.`);
  }
  if (amount > maxAmount) {
    throw new AmountCapError(
      `Refusing to pay: checkout session ${session.id} asks for ${amount}${session.currency ? ` ${session.currency}` : ''} (amount_total), ` +
        `above REHEARSAL_MAX_AMOUNT=${maxAmount}; nothing was submitted.`,
    );
  }
  return session;
}

/**
 * The target's flows with the cap enforced: `submitPayment` and `submitPaymentExpectingDecline` first check the
 * checkout session of the last filled payment page (`check`), so no scenario can pay without it.
 */
export function withAmountCap(flows: TargetFlows, check: (checkoutSessionId: string | undefined) => Promise<void>): TargetFlows {
  let lastSessionId: string | undefined;
  return {
    ...flows,
    async fillPayment(card, customer) {
      const filled = await flows.fillPayment(card, customer);
      lastSessionId = filled.checkoutSessionId;
      return filled;
    },
    async submitPayment() {
      await check(lastSessionId);
      await flows.submitPayment();
    },
    async submitPaymentExpectingDecline(options) {
      await check(lastSessionId);
      return flows.submitPaymentExpectingDecline(options);
    },
  };
}
