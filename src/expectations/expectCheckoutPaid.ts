import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import type { ExpectationContext } from './expectationContext';

export interface PaidCheckout {
  session: Stripe.Checkout.Session;
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
}

/**
 * The provider reports the checkout session complete and paid, its payment intent succeeded and its charge paid,
 * and all three are for the same amount and currency.
 */
export async function expectCheckoutPaid(
  provider: Stripe,
  sessionId: string,
  { evidence, timeoutMs }: ExpectationContext,
): Promise<PaidCheckout> {
  const { value: paid } = await pollUntil({
    what: `checkout session ${sessionId} complete and paid, with its payment intent succeeded and its charge paid`,
    where: "the provider's API (GET /v1/checkout/sessions, /v1/payment_intents, /v1/charges)",
    timeoutMs,
    check: async (note) => {
      const session = await provider.checkout.sessions.retrieve(sessionId);
      note(`session ${session.status}/${session.payment_status}`);
      if (session.status !== 'complete' || session.payment_status !== 'paid') return undefined;
      const paymentIntentId = idOf(session.payment_intent);
      if (!paymentIntentId) return undefined;
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
  await evidence.attachJson('checkout session', paid.session);
  await evidence.attachJson('payment intent', paid.paymentIntent);
  await evidence.attachJson('charge', paid.charge);
  evidence.timeline?.(momentAtUnixSeconds('provider', `payment succeeded (${paid.charge.amount} ${paid.charge.currency})`, paid.charge.created, paid.charge.id));
  const { session, paymentIntent, charge } = paid;
  expect(paymentIntent.amount, 'the payment intent is for the session total').toBe(session.amount_total);
  expect(paymentIntent.currency, 'the payment intent is in the session currency').toBe(session.currency);
  expect(charge.amount, 'the charge is for the payment intent amount').toBe(paymentIntent.amount);
  expect(charge.currency, 'the charge is in the payment intent currency').toBe(paymentIntent.currency);
  return paid;
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}
