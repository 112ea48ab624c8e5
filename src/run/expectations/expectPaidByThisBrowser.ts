import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import type { PaymentReference } from '../../model/target/contract';
import type { ExpectationContext } from './expectationContext';
import { idOf, sessionPaymentIntentIds } from './runPayments';

/**
 * The payment the merchant names is one this test's browser paid: a checkout session it opened, a payment intent it
 * confirmed, or the intent of such a session. That ties a payment to the run without the customer's email (which a
 * merchant need not collect). When the browser's traffic named no payment at all (a payment form this harness cannot
 * see into), nothing is decided and the evidence says so: that is not the merchant's failure.
 */
export async function expectPaidByThisBrowser(
  provider: Stripe,
  paid: { payment: PaymentReference; paymentIntent: Stripe.PaymentIntent },
  observed: PaymentReference[],
  within: ExpectationContext,
): Promise<void> {
  if (await noneObserved(observed, within)) return;
  const ids = new Set([paid.payment.id, paid.paymentIntent.id]);
  let found = observed.some((payment) => ids.has(payment.id));
  for (const payment of observed.filter((p) => p.kind === 'checkout_session')) {
    if (found) break;
    const session = await provider.checkout.sessions.retrieve(payment.id);
    // A subscription session's payment intent is its first invoice's (its own `payment_intent` is null at Stripe).
    found = ids.has(session.id) || (await sessionPaymentIntentIds(provider, session)).some((id) => ids.has(id));
  }
  await within.evidence.attachJson('payments this browser opened or confirmed', observed);
  expect(found, `the payment ${paid.payment.id} is one this browser paid (it paid ${describe(observed)})`).toBe(true);
}

/** The subscription is the one this browser paid for: through its checkout session, or a payment intent of its customer. */
export async function expectSubscriptionPaidByThisBrowser(
  provider: Stripe,
  subscription: Stripe.Subscription,
  observed: PaymentReference[],
  within: ExpectationContext,
): Promise<void> {
  if (await noneObserved(observed, within)) return;
  const customer = idOf(subscription.customer);
  let found = false;
  for (const payment of observed) {
    if (payment.kind === 'checkout_session') {
      found = idOf((await provider.checkout.sessions.retrieve(payment.id)).subscription) === subscription.id;
    } else {
      found = customer !== undefined && idOf((await provider.paymentIntents.retrieve(payment.id)).customer) === customer;
    }
    if (found) break;
  }
  await within.evidence.attachJson('payments this browser opened or confirmed', observed);
  expect(found, `subscription ${subscription.id} is the one this browser paid for (it paid ${describe(observed)})`).toBe(true);
}

async function noneObserved(observed: PaymentReference[], within: ExpectationContext): Promise<boolean> {
  if (observed.length > 0) return false;
  await within.evidence.attachJson('payments this browser opened or confirmed', {
    observed: [],
    note: "the browser's traffic named no checkout session or payment intent, so which payment is the run's was not checked",
  });
  return true;
}

function describe(observed: PaymentReference[]): string {
  return observed.map((payment) => payment.id).join(', ');
}
