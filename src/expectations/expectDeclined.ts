import type Stripe from 'stripe';
import type { ReferralClient } from '../referral/referralClient';
import type { PaymentProblem } from '../target/contract';
import type { ExpectationContext } from './expectationContext';
import { expectNothingNew } from './expectNothingNew';
import { describeCharges, findRunPayments, idOf, isSuccessfulCharge, RUN_PAYMENTS_WHERE } from './runPayments';

/** Text a customer must never see: an API error's type or code, a decline code, an exception or stack trace. */
export const RAW_PAYMENT_ERROR = /card_error|card_declined|insufficient_funds|expired_card|decline_code|generic_decline|authentication_failure|Error:|\n\s+at /;

/**
 * The page tells the customer, in words, that the payment did not go through: a message is shown, and it
 * holds no error type, code, decline code or stack trace.
 */
export async function expectHumanPaymentMessage(problem: PaymentProblem, where: string, { evidence }: Pick<ExpectationContext, 'evidence'>): Promise<void> {
  await evidence.attachJson(`message on ${where}`, problem);
  if (problem.message.trim() === '') throw new Error(`Expected ${where} (${problem.page}) to tell the customer the payment did not go through, but it shows no message.`);
  const raw = RAW_PAYMENT_ERROR.exec(problem.message);
  if (raw) {
    throw new Error(
      `Expected a human message on ${where} (${problem.page}), but the raw error text is visible to the customer ` +
        `("${raw[0].trim()}" in "${problem.message.replace(/\s+/g, ' ').slice(0, 300)}").`,
    );
  }
}

/** The provider shows no successful charge for the run (its checkout session is not paid, no charge succeeded). */
export async function expectNoSuccessfulCharge(
  provider: Stripe,
  run: { customerEmail: string; since: number; checkoutSessionId?: string },
  { evidence }: Pick<ExpectationContext, 'evidence'>,
): Promise<void> {
  const payments = await findRunPayments(provider, {
    customerEmail: run.customerEmail,
    since: run.since,
    checkoutSessionIds: run.checkoutSessionId ? [run.checkoutSessionId] : [],
  });
  for (const session of payments.sessions) {
    await evidence.attachJson(`checkout session ${session.id}`, session);
    const paymentIntentId = idOf(session.payment_intent);
    if (paymentIntentId) await evidence.attachJson(`payment intent ${paymentIntentId}`, await provider.paymentIntents.retrieve(paymentIntentId));
  }
  await evidence.attachJson("the run's charges", payments.charges);
  const succeeded = payments.charges.filter(isSuccessfulCharge);
  const paidSessions = payments.sessions.filter((session) => session.payment_status === 'paid');
  if (succeeded.length > 0 || paidSessions.length > 0) {
    throw new Error(
      `Expected no successful charge for ${run.customerEmail} at ${RUN_PAYMENTS_WHERE}, but found ` +
        `${describeCharges(succeeded)}; paid sessions: ${paidSessions.map((s) => s.id).join(', ') || 'none'}.`,
    );
  }
}

/** The referral platform shows no conversion and no commission for the run's click, during a settle window. */
export async function expectNoConversion(
  referral: ReferralClient,
  run: { clickId: string; settleMs: number },
  { evidence }: Pick<ExpectationContext, 'evidence'>,
): Promise<void> {
  await expectNothingNew(
    {
      what: `conversion or commission for click ${run.clickId}`,
      where: `the referral platform's API (GET /v1/conversions?click=${run.clickId}, GET /v1/commissions?conversion=…)`,
      settleMs: run.settleMs,
      check: async () => {
        const conversions = await referral.listConversions({ click: run.clickId });
        if (conversions.data.length === 0) return undefined;
        const commissions = await Promise.all(conversions.data.map((c) => referral.listCommissions({ conversion: c.id })));
        const commissionIds = commissions.flatMap((list) => list.data.map((c) => c.id));
        return `conversion ${conversions.data.map((c) => c.id).join(', ')}` + (commissionIds.length ? ` with commission ${commissionIds.join(', ')}` : '');
      },
    },
    { evidence },
  );
}
