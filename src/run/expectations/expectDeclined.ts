import type Stripe from 'stripe';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { PaymentProblem, PaymentReference } from '../../model/target/contract';
import type { ExpectationContext } from './expectationContext';
import { expectNothingNew, type SettleWindow } from './expectNothingNew';
import {
  describeCharges,
  findRunPayments,
  isSuccessfulCharge,
  paidPayments,
  RUN_PAYMENTS_WHERE,
  sessionPaymentIntentIds,
} from './runPayments';
import { wakeOnReferralEvents } from './wakeOnEvents';

/** Text a customer must never see: an API error's type or code, a decline code, an exception or stack trace. */
export const RAW_PAYMENT_ERROR =
  /card_error|card_declined|insufficient_funds|expired_card|decline_code|generic_decline|authentication_failure|Error:|\n\s+at /;

/**
 * The page tells the customer, in words, that the payment did not go through: a message is shown, and it
 * holds no error type, code, decline code or stack trace.
 */
export async function expectHumanPaymentMessage(
  problem: PaymentProblem,
  where: string,
  { evidence }: Pick<ExpectationContext, 'evidence'>,
): Promise<void> {
  await evidence.attachJson(`message on ${where}`, problem);
  if (problem.message.trim() === '')
    throw new Error(`Expected ${where} (${problem.page}) to tell the customer the payment did not go through, but it shows no message.`);
  const raw = RAW_PAYMENT_ERROR.exec(problem.message);
  if (raw) {
    throw new Error(
      `Expected a human message on ${where} (${problem.page}), but the raw error text is visible to the customer ` +
        `("${raw[0].trim()}" in "${problem.message.replace(/\s+/g, ' ').slice(0, 300)}").`,
    );
  }
}

/**
 * The provider shows no successful charge for the run: none of its checkout sessions is paid, none of its payment
 * intents succeeded, no charge succeeded. `payments`: the payments the run's pages named (the unpaid session or
 * payment intent), looked at even when nothing else ties them to the run customer.
 */
export async function expectNoSuccessfulCharge(
  provider: Stripe,
  run: { customerEmail: string; since: number; payments?: PaymentReference[] },
  { evidence }: Pick<ExpectationContext, 'evidence'>,
): Promise<void> {
  const payments = await findRunPayments(provider, run);
  for (const session of payments.sessions) {
    await evidence.attachJson(`checkout session ${session.id}`, session);
    for (const paymentIntentId of await sessionPaymentIntentIds(provider, session)) {
      await evidence.attachJson(`payment intent ${paymentIntentId}`, await provider.paymentIntents.retrieve(paymentIntentId));
    }
  }
  for (const intent of payments.paymentIntents) await evidence.attachJson(`payment intent ${intent.id}`, intent);
  await evidence.attachJson("the run's charges", payments.charges);
  const succeeded = payments.charges.filter(isSuccessfulCharge);
  const paid = paidPayments(payments);
  if (succeeded.length > 0 || paid.length > 0) {
    const paidSessions = paid.filter((payment) => payment.kind === 'checkout_session').map((payment) => payment.id);
    const succeededIntents = paid.filter((payment) => payment.kind === 'payment_intent').map((payment) => payment.id);
    throw new Error(
      `Expected no successful charge for ${run.customerEmail} at ${RUN_PAYMENTS_WHERE}, but found ` +
        `${describeCharges(succeeded)}; paid sessions: ${paidSessions.join(', ') || 'none'}` +
        (succeededIntents.length ? `; succeeded payment intents: ${succeededIntents.join(', ')}` : '') +
        '.',
    );
  }
}

/** The referral platform shows no conversion and no commission for the run's click, during a settle window. */
export async function expectNoConversion(
  referral: ReferralPlatform,
  run: { clickId: string } & SettleWindow,
  { evidence, arrivals }: Pick<ExpectationContext, 'evidence' | 'arrivals'>,
): Promise<void> {
  await expectNothingNew(
    {
      what: `conversion or commission for click ${run.clickId}`,
      wakeOn: wakeOnReferralEvents({ arrivals }, 'conversion.', 'commission.'),
      where: `the referral platform's API (GET /v1/conversions?click=${run.clickId}, GET /v1/commissions?conversion=…)`,
      settleMs: run.settleMs,
      windowStartsAt: run.windowStartsAt,
      check: async () => {
        const conversions = await referral.listConversions({ click: run.clickId });
        if (conversions.data.length === 0) return undefined;
        const commissions = await Promise.all(conversions.data.map((c) => referral.listCommissions({ conversion: c.id })));
        const commissionIds = commissions.flatMap((list) => list.data.map((c) => c.id));
        return (
          `conversion ${conversions.data.map((c) => c.id).join(', ')}` +
          (commissionIds.length ? ` with commission ${commissionIds.join(', ')}` : '')
        );
      },
    },
    { evidence },
  );
}
