import type Stripe from 'stripe';
import type { AmountCap } from '../../model/config/amountCaps';
import type { ExpectationContext } from '../../run/expectations/expectationContext';
import type { PaymentReference, TargetFlows } from '../../model/target/contract';

/** The payment was refused before it was submitted: the amount is above the cap, or could not be read. */
export class AmountCapError extends Error {
  override name = 'AmountCapError';
}

/** What the payment asks for, as the provider shows it before it is paid. */
interface AskedAmount {
  what: string;
  /** The provider's field holding the amount, named in the refusal. */
  field: 'amount_total' | 'amount';
  amount: number | null | undefined;
  currency: string | null | undefined;
}

/**
 * Before a payment page is submitted: reads the payment's amount from the provider (a checkout session's
 * `amount_total`, a payment intent's `amount`) and refuses (throws, nothing submitted) when it is above the cap for
 * its currency, when no cap is set for that currency, or when the amount cannot be read. Attaches what it read.
 */
export async function expectWithinAmountCap(
  provider: Stripe,
  options: { payment: PaymentReference | undefined; capFor: (currency: string) => AmountCap | undefined },
  context: Pick<ExpectationContext, 'evidence'>,
): Promise<void> {
  const { payment, capFor } = options;
  if (!payment) {
    throw new AmountCapError(
      'Refusing to pay: the payment page does not show which checkout session or payment intent it pays, so its amount ' +
        'cannot be checked against the amount cap (REHEARSAL_MAX_AMOUNT or amountCap in rehearsal.config.ts); nothing was submitted.',
    );
  }
  const asked = await askedAmount(provider, payment);
  const currency = (asked.currency ?? '').toLowerCase();
  const cap = currency ? capFor(currency) : undefined;
  const maxAmount = cap?.amount;
  await context.evidence.attachJson('amount cap check (before paying)', {
    [payment.kind]: payment.id,
    [asked.field]: asked.amount,
    currency: asked.currency,
    max_amount: maxAmount ?? null,
    within_cap: typeof asked.amount === 'number' && maxAmount !== undefined && asked.amount <= maxAmount,
  });
  if (!cap) {
    throw new AmountCapError(
      `Refusing to pay: ${asked.what} asks for ${asked.amount ?? 'an unknown amount'} ${currency || '(no currency)'}, and no cap is set for ` +
        `${currency || 'its currency'} (set amountCap.${currency || '<currency>'} in rehearsal.config.ts, or REHEARSAL_MAX_AMOUNT); nothing was submitted.`,
    );
  }
  if (asked.amount === null || asked.amount === undefined) {
    throw new AmountCapError(`Refusing to pay: ${asked.what} has no ${asked.field} to check against ${cap.label}; nothing was submitted.`);
  }
  if (asked.amount > cap.amount) {
    throw new AmountCapError(
      `Refusing to pay: ${asked.what} asks for ${asked.amount} ${currency} (${asked.field}), above ${cap.label}; nothing was submitted.`,
    );
  }
}

async function askedAmount(provider: Stripe, payment: PaymentReference): Promise<AskedAmount> {
  if (payment.kind === 'checkout_session') {
    const session = await provider.checkout.sessions.retrieve(payment.id);
    return { what: `checkout session ${session.id}`, field: 'amount_total', amount: session.amount_total, currency: session.currency };
  }
  const intent = await provider.paymentIntents.retrieve(payment.id);
  return { what: `payment intent ${intent.id}`, field: 'amount', amount: intent.amount, currency: intent.currency };
}

/** The flow methods that pay: each first checks the payment of the last filled payment page. */
const PAYING_METHODS = new Set<PropertyKey>(['submitPayment', 'submitPaymentExpectingDecline']);

/**
 * The target's flows with the cap enforced: `submitPayment` and `submitPaymentExpectingDecline` (when the target
 * has it) first check the payment of the last filled payment page (`check`), so no scenario can pay without it.
 * Every other method, and the absence of an optional one, is the target's own.
 */
export function withAmountCap(flows: TargetFlows, check: (payment: PaymentReference | undefined) => Promise<void>): TargetFlows {
  let lastPayment: PaymentReference | undefined;
  return new Proxy(flows, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (property === 'fillPayment') {
        return async (...args: unknown[]) => {
          const filled = (await method.apply(target, args)) as Awaited<ReturnType<TargetFlows['fillPayment']>>;
          lastPayment = filled.payment;
          return filled;
        };
      }
      if (PAYING_METHODS.has(property)) {
        return async (...args: unknown[]) => {
          await check(lastPayment);
          return method.apply(target, args);
        };
      }
      return (...args: unknown[]) => method.apply(target, args);
    },
  });
}
