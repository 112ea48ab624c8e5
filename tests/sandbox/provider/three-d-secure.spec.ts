import Stripe from 'stripe';
import {
  test,
  expect,
  uniqueEmail,
  createPaymentSession,
  createSubscriptionSession,
  payOnHostedPage,
  answerChallenge,
  CARDS,
  idOf,
  SUCCESS_URL,
} from './support/fixtures';

test.describe('3-D Secure on the hosted page', () => {
  for (const card of [CARDS.threeDSecure, CARDS.threeDSecure2]) {
    test(`${card}: the challenge appears; Complete pays`, async ({ stripe }) => {
      const { session } = await createPaymentSession(stripe, { customer_email: uniqueEmail('3ds') });
      const challenge = await payOnHostedPage(session, card);
      expect(challenge.status).toBe(200);
      expect(challenge.body).toContain('data-testid="three-d-secure-challenge"');
      expect(challenge.body).toContain('data-testid="three-d-secure-complete"');
      expect(challenge.body).toContain('data-testid="three-d-secure-fail"');
      expect(challenge.body).not.toContain(card);
      const waiting = await stripe.checkout.sessions.retrieve(session.id);
      expect(waiting.status).toBe('open');
      expect((await stripe.paymentIntents.retrieve(idOf(waiting.payment_intent) as string)).status).toBe('requires_action');

      const done = await answerChallenge(session, challenge.body, 'complete');
      expect(done.status).toBe(303);
      expect(done.location).toBe(SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id));
      const paid = await stripe.checkout.sessions.retrieve(session.id);
      expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' });
      const pi = await stripe.paymentIntents.retrieve(idOf(paid.payment_intent) as string);
      expect(pi.status).toBe('succeeded');
      const charge = await stripe.charges.retrieve(idOf(pi.latest_charge) as string);
      expect(charge.payment_method_details?.card?.last4).toBe(card.slice(-4));
    });
  }

  test('Fail returns to the form with a friendly message and no charge', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe, { customer_email: uniqueEmail('3ds-fail') });
    const challenge = await payOnHostedPage(session, CARDS.threeDSecure);
    const failed = await answerChallenge(session, challenge.body, 'fail');
    expect(failed.status).toBe(402);
    expect(failed.body).toContain('data-testid="card-error"');
    expect(failed.body).toMatch(/unable to authenticate/i);
    expect(failed.body).toContain('name="cardNumber"');
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    const pi = await stripe.paymentIntents.retrieve(idOf(after.payment_intent) as string);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.code).toBe('payment_intent_authentication_failure');
    expect((await stripe.charges.list({ payment_intent: pi.id })).data).toHaveLength(0);
    // The customer can try again with another card.
    const retry = await payOnHostedPage(session, CARDS.visa);
    expect(retry.status).toBe(303);
  });

  test('a subscription checkout with a 3-D Secure card subscribes after Complete', async ({ stripe }) => {
    const { session } = await createSubscriptionSession(stripe, { customer_email: uniqueEmail('3ds-sub') });
    const challenge = await payOnHostedPage(session, CARDS.threeDSecure2);
    const done = await answerChallenge(session, challenge.body, 'complete');
    expect(done.status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const subscription = await stripe.subscriptions.retrieve(idOf(paid.subscription) as string);
    expect(subscription.status).toBe('active');
    const pm = await stripe.paymentMethods.retrieve(idOf(subscription.default_payment_method) as string);
    expect((pm as Stripe.PaymentMethod).card?.last4).toBe('3220');
  });
});
