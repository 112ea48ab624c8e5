import { expectPaymentSucceeded } from '../../../src/run/expectations/expectPaymentSucceeded';
import { findRunPayments, sessionPaymentIntentIds } from '../../../src/run/expectations/runPayments';
import { test, expect, chargeOf, completeSubscriptionSession, idOf, uniqueEmail } from './support/fixtures';

/** What the harness's expectations need of a context, recording what they attach. */
function within() {
  const attached: string[] = [];
  return {
    attached,
    context: { evidence: { attachJson: async (name: string) => void attached.push(name), timeline: () => undefined }, timeoutMs: 2000 },
  };
}

// Issue 19 point 2: a subscription-mode session has `payment_intent: null` at Stripe, so the harness finds the first
// payment as it must against Stripe: the session's invoice, then that invoice's payments.
test.describe("the harness finds a subscription session's payment through its invoice", () => {
  test("sessionPaymentIntentIds: none on the session itself, the first invoice's intent through invoice.payments", async ({ stripe }) => {
    const { session } = await completeSubscriptionSession(stripe);
    expect(session.payment_intent).toBeNull();
    const ids = await sessionPaymentIntentIds(stripe, session);
    const invoice = await stripe.invoices.retrieve(idOf(session.invoice)!, { expand: ['payments'] });
    expect(ids).toEqual([idOf(invoice.payments!.data[0]!.payment.payment_intent)]);
    expect((await chargeOf(stripe, ids[0]!)).amount).toBe(1500);
  });

  test("findRunPayments finds the subscription charge by the session alone; expectPaymentSucceeded resolves with the invoice's intent", async ({
    stripe,
  }) => {
    const since = Math.floor(Date.now() / 1000) - 5;
    const { session } = await completeSubscriptionSession(stripe);
    // An email that matches nothing: the charge can only be found through the named session's invoice.
    const run = { customerEmail: uniqueEmail('nobody'), since, payments: [{ kind: 'checkout_session' as const, id: session.id }] };
    const found = await findRunPayments(stripe, run);
    const [intentId] = await sessionPaymentIntentIds(stripe, session);
    expect(found.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(found.charges.map((c) => c.payment_intent)).toEqual([intentId]);
    expect(found.paymentIntents).toEqual([]); // the session's own, not a separate payment

    const { attached, context } = within();
    const paid = await expectPaymentSucceeded(stripe, { kind: 'checkout_session', id: session.id }, context);
    expect(paid.paymentIntent.id).toBe(intentId);
    expect(paid).toMatchObject({ amount: 1500, currency: 'usd' });
    expect(attached).toEqual(expect.arrayContaining(['checkout session', 'payment intent', 'charge']));
  });
});
