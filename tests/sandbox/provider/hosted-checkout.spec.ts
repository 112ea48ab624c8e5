import Stripe from 'stripe';
import { test, expect, uniq, uniqueEmail, createPaymentSession, payOnHostedPage, CARDS, idOf, SUCCESS_URL } from './support/fixtures';

test.describe('hosted checkout page', () => {
  test('serves the hosted page at the session url with Stripe field names', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe);
    const res = await fetch(session.url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const name of ['email', 'cardNumber', 'cardExpiry', 'cardCvc', 'billingName', 'billingCountry', 'billingPostalCode']) {
      expect(html, `field ${name}`).toMatch(new RegExp(`name="${name}"`));
    }
  });

  test('pays with 4242… and redirects 303 to success_url with the real session id', async ({ stripe }) => {
    const email = uniqueEmail('hosted');
    const ref = uniq('clk');
    const { session } = await createPaymentSession(
      stripe,
      { customer_email: email, client_reference_id: ref, metadata: { order_id: 'ord_hosted' } },
      2000,
    );
    const result = await payOnHostedPage(session, CARDS.visa, { billingName: 'Grace Hopper', billingPostalCode: '10001' });
    expect(result.status).toBe(303);
    expect(result.location).toBe(SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id));

    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      amount_total: 2000,
      client_reference_id: ref,
      metadata: { order_id: 'ord_hosted' },
    });
    expect(paid.customer_details?.email).toBe(email);
    expect(paid.customer_details?.name).toBe('Grace Hopper');
    expect(paid.customer_details?.address).toMatchObject({ country: 'US', postal_code: '10001' });
    // Stripe: the url "is only present when the session is active".
    expect(paid.url).toBeNull();
    const piId = idOf(paid.payment_intent);
    expect(piId).toMatch(/^pi_/);

    const pi = await stripe.paymentIntents.retrieve(piId as string);
    expect(pi).toMatchObject({ status: 'succeeded', amount: 2000, amount_received: 2000, currency: 'usd' });

    const charges = await stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data).toHaveLength(1);
    const charge = charges.data[0] as Stripe.Charge;
    expect(charge).toMatchObject({ id: idOf(pi.latest_charge), paid: true, status: 'succeeded', captured: true, amount: 2000 });
    expect(charge.billing_details.name).toBe('Grace Hopper');
    expect(charge.billing_details.address?.postal_code).toBe('10001');
    expect(charge.billing_details.address?.country).toBe('US');
    expect(charge.billing_details.email).toBe(email);
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
  });

  test('shows a decline message for 4000000000000002 and leaves the session unpaid with no paid charge', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe, { customer_email: uniqueEmail('declined') });
    const result = await payOnHostedPage(session, CARDS.genericDecline);
    expect(result.status, 'a decline is not a redirect to success_url').not.toBe(303);
    expect(result.location).toBeNull();
    expect(result.body).toMatch(/declined/i);

    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe('open');
    expect(after.payment_status).toBe('unpaid');
    const piId = idOf(after.payment_intent);
    if (piId) {
      const pi = await stripe.paymentIntents.retrieve(piId);
      expect(pi.status).not.toBe('succeeded');
      const charges = await stripe.charges.list({ payment_intent: piId });
      expect(charges.data.filter((c) => c.paid || c.status === 'succeeded')).toEqual([]);
    }
  });

  test('accepts a good card after a decline on the same session', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe);
    const declined = await payOnHostedPage(session, CARDS.genericDecline);
    expect(declined.body).toMatch(/declined/i);
    const ok = await payOnHostedPage(session, CARDS.visa);
    expect(ok.status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid.payment_status).toBe('paid');
    const charges = await stripe.charges.list({ payment_intent: idOf(paid.payment_intent) as string });
    expect(charges.data.filter((c) => c.paid)).toHaveLength(1);
  });

  test('shows an insufficient-funds decline for 4000000000009995', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe);
    const result = await payOnHostedPage(session, CARDS.insufficientFunds);
    expect(result.status).not.toBe(303);
    expect(result.body).toMatch(/insufficient funds|declined/i);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('unpaid');
  });

  test('does not take a second payment for a completed session', async ({ stripe }) => {
    const { session } = await createPaymentSession(stripe);
    expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    const piId = idOf((await stripe.checkout.sessions.retrieve(session.id)).payment_intent) as string;
    // Submitting the form again (Stripe shows a "complete" page) must not charge a second time.
    await payOnHostedPage(session, CARDS.visa).catch(() => null);
    const pi = await stripe.paymentIntents.retrieve(piId);
    expect(pi.amount_received).toBe(2000);
    const charges = await stripe.charges.list({ payment_intent: piId });
    expect(charges.data).toHaveLength(1);
  });
});
