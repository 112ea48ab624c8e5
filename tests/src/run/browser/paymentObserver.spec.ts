import { expect, test } from '@playwright/test';
import { BrowserPaymentObserver, paymentReferenceIn } from '../../../../src/run/browser/paymentObserver';

test.describe('the payment a browser request names', () => {
  test("Stripe's hosted Checkout and the sandbox's: the session in the page's path and in its own API calls", () => {
    expect(paymentReferenceIn('https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4#fidkdWxOYHwnPyd1blpxYHZxWjA0')).toEqual({
      kind: 'checkout_session',
      id: 'cs_test_a1B2c3D4',
    });
    expect(paymentReferenceIn('http://127.0.0.1:12111/c/pay/cs_test_abc123/3ds/challenge')).toEqual({
      kind: 'checkout_session',
      id: 'cs_test_abc123',
    });
    expect(paymentReferenceIn('https://api.stripe.com/v1/payment_pages/cs_live_xyz789/confirm')).toEqual({
      kind: 'checkout_session',
      id: 'cs_live_xyz789',
    });
  });

  test("a Payment Element's intent, read or confirmed by Stripe.js, without its client secret", () => {
    expect(paymentReferenceIn('https://api.stripe.com/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/confirm')).toEqual({
      kind: 'payment_intent',
      id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
    });
    const read = paymentReferenceIn('https://api.stripe.com/v1/payment_intents/pi_123ABC?client_secret=pi_123ABC_secret_zzz');
    expect(read).toEqual({ kind: 'payment_intent', id: 'pi_123ABC' });
    expect(JSON.stringify(read)).not.toContain('secret');
  });

  test('anything else names no payment: other API calls, a query string, a page that is not a URL', () => {
    expect(paymentReferenceIn('https://api.stripe.com/v1/elements/sessions?key=pk_test_1')).toBeUndefined();
    expect(paymentReferenceIn('https://shop.example/success?session_id=cs_test_abc123')).toBeUndefined();
    expect(paymentReferenceIn('not a url')).toBeUndefined();
  });
});

test.describe('BrowserPaymentObserver', () => {
  test('hands each payment on once, in the order seen, and lists them', async () => {
    const handed: string[] = [];
    const observer = new BrowserPaymentObserver(async (payment) => {
      handed.push(payment.id);
    });
    observer.observe('https://checkout.stripe.com/c/pay/cs_test_one');
    observer.observe('https://api.stripe.com/v1/payment_pages/cs_test_one/confirm');
    observer.observe('https://api.stripe.com/v1/payment_intents/pi_two/confirm');
    observer.observe('https://shop.example/');
    await observer.settled();
    expect(handed).toEqual(['cs_test_one', 'pi_two']);
    expect(observer.payments()).toEqual([
      { kind: 'checkout_session', id: 'cs_test_one' },
      { kind: 'payment_intent', id: 'pi_two' },
    ]);
  });

  test('a payment that could not be handed on (the journal failed) fails settled(), not silently', async () => {
    const observer = new BrowserPaymentObserver(async () => {
      throw new Error('disk full');
    });
    observer.observe('https://api.stripe.com/v1/payment_intents/pi_two/confirm');
    await expect(observer.settled()).rejects.toThrow('disk full');
  });
});
