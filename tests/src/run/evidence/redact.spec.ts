import { test, expect } from '@playwright/test';
import { REDACTED, redact, redactText, treatAsSecret } from '../../../../src/base/redact';

test('removes a secret key from nested objects', () => {
  const out = redact({
    target: { provider: { apiKey: 'sk_test_sandbox123', notes: ['uses sk_live_ABC_def and rk_test_x1'] } },
    header: 'Bearer sk_test_sandbox123',
  });
  expect(out.target.provider.apiKey).toBe('[redacted]');
  expect(out.target.provider.notes[0]).toBe('uses [redacted] and [redacted]');
  expect(out.header).toBe('Bearer [redacted]');
  expect(JSON.stringify(out)).not.toMatch(/sk_|rk_/);
});

test('removes a card number that passes Luhn but keeps an order id', () => {
  const out = redact({
    typed: '4242 4242 4242 4242',
    dashed: 'card 4000-0027-6000-3184 declined',
    asNumber: 4242424242424242,
    orderId: 'order_4242424242424242',
    notLuhn: '4242424242424241',
    createdMs: 1732387200123,
    amount: 2000,
  });
  expect(out.typed).toBe('[redacted]');
  expect(out.dashed).toBe('card [redacted] declined');
  expect(out.asNumber).toBe('[redacted]');
  expect(out.orderId).toBe('order_4242424242424242');
  expect(out.notLuhn).toBe('4242424242424241');
  expect(out.createdMs).toBe(1732387200123);
  expect(out.amount).toBe(2000);
});

test('keeps last4 and publishable keys', () => {
  const value = {
    publishableKey: 'pk_test_sandbox123',
    payment_method: { id: 'pm_123', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } },
    session: 'cs_test_a1b2',
  };
  const out = redact(value);
  expect(out.publishableKey).toBe('pk_test_sandbox123');
  expect(out.payment_method.id).toBe('pm_123');
  expect(out.payment_method.card.last4).toBe('4242');
  expect(out.payment_method.card.brand).toBe('visa');
  expect(out.payment_method.card.exp_month).toBe('[redacted]');
  expect(out.session).toBe('cs_test_a1b2');
});

test('removes whsec_ secrets and client secrets', () => {
  const out = redact({
    endpoint: { id: 'rwe_1', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    log: 'signing with whsec_abc+/= now',
    client_secret: 'pi_3Nabc_secret_XYZ',
    message: 'confirm pi_3Nabc_secret_XYZ and seti_1Q_secret_abc',
  });
  expect(out.endpoint.secret).toBe('[redacted]');
  expect(out.endpoint.id).toBe('rwe_1');
  expect(out.log).toBe('signing with [redacted] now');
  expect(out.client_secret).toBe('[redacted]');
  expect(out.message).toBe('confirm [redacted] and [redacted]');
});

test('removes the values of card fields, passwords and signature headers', () => {
  const out = redact({
    card: { number: '4000000000000002', expiry: '12/34', cvc: '123' },
    form: { cardNumber: '4242424242424242', cardExpiry: '12 / 34', cardCvc: '999', email: 'a@example.com' },
    headers: { Authorization: 'Bearer shop_admin_sandbox', 'stripe-signature': 't=1,v1=abc', 'webhook-signature': 'v1,xyz' },
    password: 'hunter2',
    count: { number: 3 },
  });
  expect(out.card).toEqual({ number: '[redacted]', expiry: '[redacted]', cvc: '[redacted]' });
  expect(out.form).toEqual({ cardNumber: '[redacted]', cardExpiry: '[redacted]', cardCvc: '[redacted]', email: 'a@example.com' });
  expect(Object.values(out.headers)).toEqual(['[redacted]', '[redacted]', '[redacted]']);
  expect(out.password).toBe('[redacted]');
  expect(out.count.number).toBe(3);
});

test('redacts key-value pairs in free text', () => {
  expect(redactText('cardCvc=123&email=a%40b.c')).toBe('cardCvc=[redacted]&email=a%40b.c');
  expect(redactText('Authorization: Bearer shop_admin_x')).toBe('Authorization: [redacted]');
  expect(redactText('{"password":"hunter2","id":"ord_1"}')).toBe('{"password":"[redacted]","id":"ord_1"}');
});

test('does not mutate its input', () => {
  const input = { key: 'sk_test_abc', nested: { card: { number: '4242424242424242' } }, list: ['whsec_x'] };
  const before = structuredClone(input);
  const out = redact(input);
  expect(input).toEqual(before);
  expect(out).not.toBe(input);
  expect(out.nested).not.toBe(input.nested);
});

test('copies cycles without looping', () => {
  const input: { name: string; key: string; self?: unknown } = { name: 'loop', key: 'sk_test_loop' };
  input.self = input;
  const out = redact(input);
  expect(out.self).toBe(out);
  expect(out.key).toBe('[redacted]');
});

test('removes a registered secret that has no recognisable shape, wherever it appears', () => {
  const adminKey = `shop_admin_${Math.random().toString(36).slice(2)}`;
  expect(redactText(`signed in with ${adminKey}`)).toContain(adminKey);
  treatAsSecret(adminKey);
  expect(redactText(`signed in with ${adminKey}`)).toBe(`signed in with ${REDACTED}`);
  expect(redact({ note: `key=${adminKey};`, nested: [adminKey] })).toEqual({ note: `key=${REDACTED};`, nested: [REDACTED] });
});

test('refuses to treat a very short value as a secret, which would redact ordinary text', () => {
  expect(() => treatAsSecret('abc')).toThrow(/shorter than 8/);
});

test('removes the values of exp, expiry_date and security_code keys, in objects and in free text', () => {
  const out = redact({
    exp: '12/34',
    expiry_date: '2034-12',
    'security-code': '123',
    payment: { method: 'card', securityCode: 999, expiryDate: '12/34' },
    id: 'pm_1',
  });
  expect(out).toEqual({
    exp: '[redacted]',
    expiry_date: '[redacted]',
    'security-code': '[redacted]',
    payment: { method: 'card', securityCode: '[redacted]', expiryDate: '[redacted]' },
    id: 'pm_1',
  });
  expect(redactText('security_code=123&exp=12%2F34&expiry_date=2034-12&id=pm_1')).toBe(
    'security_code=[redacted]&exp=[redacted]&expiry_date=[redacted]&id=pm_1',
  );
});

test('removes card fields of a form-encoded body and a quoted expiry with spaces, whole', () => {
  expect(redactText('card[cvc]=123&card%5Bexp_month%5D=12&amount=4900')).toBe(
    'card[cvc]=[redacted]&card%5Bexp_month%5D=[redacted]&amount=4900',
  );
  expect(redactText('{"cardExpiry":"12 / 34","expiry_date":"12 / 34","id":"pm_1"}')).toBe(
    '{"cardExpiry":"[redacted]","expiry_date":"[redacted]","id":"pm_1"}',
  );
});

test('removes card numbers split by no-break spaces, repeated spaces or mixed separators', () => {
  expect(redactText('paid with 4242\u00a04242\u00a04242\u00a04242.')).toBe('paid with [redacted].');
  expect(redactText('card 4000\u202f0027\u202f6000\u202f3184 declined')).toBe('card [redacted] declined');
  expect(redactText('typed 4242  4242 - 4242 4242')).toBe('typed [redacted]');
  expect(redactText('qty 1 4242 4242 4242 4242')).toBe('qty 1 [redacted]');
  expect(redactText('total 4\u00a0900 for order 1\u202f234')).toBe('total 4\u00a0900 for order 1\u202f234');
});

/** A charge as the provider returns it, paid by a named card holder. */
function namedCharge() {
  const address = { city: 'San Francisco', country: 'US', line1: '1 Market St', line2: null, postal_code: '94107', state: 'CA' };
  return {
    id: 'ch_1',
    object: 'charge',
    amount: 4900,
    billing_details: { name: 'Jane Holder', email: 'rehearsal+rh-1@example.com', phone: '+1 415 555 0100', address },
    shipping: { name: 'Jane Holder', phone: null, address, carrier: null },
    customer: { id: 'cus_1', object: 'customer', name: 'Jane Holder', email: 'rehearsal+rh-1@example.com', address },
    payment_method_details: { card: { brand: 'visa', last4: '0077' } },
    metadata: { product: 'Rehearsal T-shirt' },
  };
}

test("with `cardholder`, masks the card holder's name, address and phone, and keeps everything else", () => {
  const out = redact(
    {
      charge: namedCharge(),
      session: {
        id: 'cs_1',
        customer_details: {
          name: 'Jane Holder',
          individual_name: 'Jane Holder',
          email: 'rehearsal+rh-1@example.com',
          address: { country: 'US' },
        },
      },
      invoice: {
        id: 'in_1',
        customer_name: 'Jane Holder',
        customer_address: { country: 'US' },
        customer_phone: '+1 415',
        customer_shipping: { name: 'Jane Holder' },
      },
      runCustomer: { email: 'rehearsal+rh-1@example.com', name: 'Jane Holder', billingCountry: 'US', billingPostalCode: '94107' },
      product: { id: 'prod_1', name: 'Rehearsal T-shirt' },
    },
    { cardholder: true },
  );
  expect(JSON.stringify(out)).not.toMatch(/Jane|Market|94107|555/);
  expect(out.charge.billing_details).toEqual({
    name: '[redacted]',
    email: 'rehearsal+rh-1@example.com',
    phone: '[redacted]',
    address: '[redacted]',
  });
  expect(out.charge.shipping).toEqual({ name: '[redacted]', phone: null, address: '[redacted]', carrier: null });
  expect(out.charge.customer).toMatchObject({ id: 'cus_1', name: '[redacted]', email: 'rehearsal+rh-1@example.com' });
  expect(out.runCustomer).toEqual({
    email: 'rehearsal+rh-1@example.com',
    name: '[redacted]',
    billingCountry: 'US',
    billingPostalCode: '[redacted]',
  });
  expect(out.product.name).toBe('Rehearsal T-shirt');
  expect(out.charge.payment_method_details.card.last4).toBe('0077');
});

test("without `cardholder` (test mode), the run customer's name and address stay", () => {
  expect(redact(namedCharge())).toEqual(namedCharge());
});

test("removes Dub's API keys and Rewardful's and Dub's signature headers, and keeps Dub's publishable keys", () => {
  const text = 'key dub_AbCdEf1234567890 pk dub_pk_AbCdEf123456 X-Rewardful-Signature: 9f8e7d6c Dub-Signature: a1b2c3d4';
  const out = redactText(text);
  expect(out).not.toContain('dub_AbCdEf1234567890');
  expect(out).toContain('dub_pk_AbCdEf123456');
  expect(out).not.toContain('9f8e7d6c');
  expect(out).not.toContain('a1b2c3d4');
});

test("names that start with dub_ are no key: Dub's adapter's metadata (dub_customer, dub_event_name) stays", async () => {
  const { findLeaksInText } = await import('../../../../src/guards/leakScan/patterns');
  const text = '{"dub_customer": "cus_OQUQ0LCZYYB6", "dub_event_name": "Purchase"}';
  expect(redactText(text)).toBe(text);
  expect(findLeaksInText(text)).toEqual([]);
});
