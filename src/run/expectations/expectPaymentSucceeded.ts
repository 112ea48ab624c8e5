import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { formatMoney } from '../../base/formatMoney';
import { pollUntil } from '../polling/pollUntil';
import type { PaymentReference } from '../../model/target/contract';
import type { ExpectationContext } from './expectationContext';
import { wakeOnProviderEvents } from './wakeOnEvents';
import { paymentSaleAmount } from './saleAmount';
import { idOf, sessionPaymentIntentIds } from './runPayments';

/** A payment the provider shows succeeded, with what the rest of a flow needs to know of it. */
export interface SucceededPayment {
  payment: PaymentReference;
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  /** The checkout session, for a payment made on the provider's hosted page. */
  session?: Stripe.Checkout.Session;
  /** What the customer paid, in minor units: the session's amount_total, or the payment intent's amount. */
  amount: number;
  currency: string;
  /** The customer's email as the provider holds it for the payment, when it holds one. */
  customerEmail: string | undefined;
  /** What a commission is based on: the amount excluding tax (a payment intent has no tax breakdown). */
  saleAmount: number;
}

/**
 * The provider shows the payment succeeded. A checkout session: complete and paid, its payment intent (a
 * subscription session's: its first invoice's) succeeded and its charge paid, all three for the same amount and currency. A payment intent: succeeded, its latest charge
 * paid, both for the same amount and currency.
 */
export async function expectPaymentSucceeded(
  provider: Stripe,
  payment: PaymentReference,
  within: ExpectationContext,
): Promise<SucceededPayment> {
  const paid =
    payment.kind === 'checkout_session'
      ? await checkoutSessionPaid(provider, payment.id, within)
      : { session: undefined, ...(await paymentIntentSucceeded(provider, payment.id, within)) };
  const { session, paymentIntent, charge } = paid;
  const { evidence } = within;
  if (session) await evidence.attachJson('checkout session', session);
  await evidence.attachJson('payment intent', paymentIntent);
  await evidence.attachJson('charge', charge);
  evidence.timeline?.(
    momentAtUnixSeconds('provider', `payment succeeded (${formatMoney(charge.amount, charge.currency)})`, charge.created, charge.id),
  );
  if (session) {
    expect(paymentIntent.amount, 'the payment intent is for the session total').toBe(session.amount_total);
    expect(paymentIntent.currency, 'the payment intent is in the session currency').toBe(session.currency);
  }
  expect(charge.amount, 'the charge is for the payment intent amount').toBe(paymentIntent.amount);
  expect(charge.currency, 'the charge is in the payment intent currency').toBe(paymentIntent.currency);
  return {
    payment,
    paymentIntent,
    charge,
    ...(session ? { session } : {}),
    amount: session?.amount_total ?? paymentIntent.amount,
    currency: session?.currency ?? paymentIntent.currency,
    customerEmail: session
      ? (session.customer_details?.email ?? session.customer_email ?? undefined)
      : await paymentIntentEmail(provider, paymentIntent, charge),
    saleAmount: paymentSaleAmount({ session, paymentIntent }),
  };
}

async function checkoutSessionPaid(provider: Stripe, sessionId: string, { timeoutMs, arrivals }: ExpectationContext) {
  const { value } = await pollUntil({
    what: `checkout session ${sessionId} complete and paid, with its payment intent succeeded and its charge paid`,
    where: "the provider's API (GET /v1/checkout/sessions, /v1/invoices (a subscription's), /v1/payment_intents, /v1/charges)",
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'checkout.session.', 'invoice.', 'payment_intent.', 'charge.'),
    check: async (note) => {
      const session = await provider.checkout.sessions.retrieve(sessionId);
      note(`session ${session.status}/${session.payment_status}`);
      if (session.status !== 'complete' || session.payment_status !== 'paid') return undefined;
      // At Stripe a subscription session has payment_intent null: its payment is its first invoice's (invoice.payments).
      const [paymentIntentId] = await sessionPaymentIntentIds(provider, session);
      if (!paymentIntentId) {
        note(
          session.mode === 'subscription'
            ? `session complete/paid, a subscription session: no payment intent under its invoice ${idOf(session.invoice) ?? '(none yet)'} yet`
            : 'session complete/paid, no payment intent yet',
        );
        return undefined;
      }
      const paymentIntent = await provider.paymentIntents.retrieve(paymentIntentId);
      note(`session complete/paid, payment intent ${paymentIntent.status}`);
      const chargeId = idOf(paymentIntent.latest_charge);
      if (paymentIntent.status !== 'succeeded' || !chargeId) return undefined;
      const charge = await provider.charges.retrieve(chargeId);
      note(`session complete/paid, payment intent succeeded, charge ${charge.status}${charge.paid ? ' (paid)' : ''}`);
      if (!charge.paid || charge.status !== 'succeeded') return undefined;
      return { session, paymentIntent, charge };
    },
  });
  return value;
}

async function paymentIntentSucceeded(provider: Stripe, paymentIntentId: string, { timeoutMs, arrivals }: ExpectationContext) {
  const { value } = await pollUntil({
    what: `payment intent ${paymentIntentId} succeeded, with its charge paid`,
    where: "the provider's API (GET /v1/payment_intents, /v1/charges)",
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'payment_intent.', 'charge.'),
    check: async (note) => {
      const paymentIntent = await provider.paymentIntents.retrieve(paymentIntentId);
      note(`payment intent ${paymentIntent.status}`);
      const chargeId = idOf(paymentIntent.latest_charge);
      if (paymentIntent.status !== 'succeeded' || !chargeId) return undefined;
      const charge = await provider.charges.retrieve(chargeId);
      note(`payment intent succeeded, charge ${charge.status}${charge.paid ? ' (paid)' : ''}`);
      if (!charge.paid || charge.status !== 'succeeded') return undefined;
      return { paymentIntent, charge };
    },
  });
  return value;
}

/** A payment intent's customer email: its receipt email, the card's billing email, else its customer's email. */
async function paymentIntentEmail(
  provider: Stripe,
  paymentIntent: Stripe.PaymentIntent,
  charge: Stripe.Charge,
): Promise<string | undefined> {
  const direct = paymentIntent.receipt_email ?? charge.billing_details?.email ?? charge.receipt_email;
  if (direct) return direct;
  const customerId = idOf(paymentIntent.customer);
  if (!customerId) return undefined;
  const customer = await provider.customers.retrieve(customerId);
  return 'deleted' in customer && customer.deleted ? undefined : ((customer as Stripe.Customer).email ?? undefined);
}
