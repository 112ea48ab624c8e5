import { test, expect } from '@playwright/test';
import { findLeaksInText } from '../../../../src/guards/leakScan/patterns';

const kinds = (text: string) => findLeaksInText(text).map((leak) => leak.kind);

test('finds secret and restricted keys of both modes, and webhook secrets', () => {
  expect(kinds('a sk_test_51AbCdEfGh0123 b rk_live_51AbCdEfGh0123 c whsec_AbCdEf0123456789+/=')).toEqual([
    'secret-key',
    'secret-key',
    'webhook-secret',
  ]);
});

test("finds Dub's API keys, and leaves its publishable keys and the prefix in prose alone", () => {
  expect(kinds('a dub_AbCdEf0123456789 b dub_pk_AbCdEf0123456789 c dub_ keys')).toEqual(['secret-key']);
});

test('leaves key prefixes in prose, masked keys, publishable keys and redacted values alone', () => {
  expect(kinds('keys must be sk_live_/rk_live_ + pk_live_; got sk_live_…, sk_test_...AbCd, [redacted]')).toEqual([]);
  expect(kinds('pk_live_51AbCdEfGh0123 pk_test_51AbCdEfGh0123 whsec_… xsk_test_51AbCdEfGh0123')).toEqual([]);
});

test('finds card numbers written plain, grouped, dashed and URL-encoded, only when they pass Luhn', () => {
  expect(kinds('4242424242424242')).toEqual(['card-number']);
  expect(kinds('"4000 0027 6000 3184"')).toEqual(['card-number']);
  expect(kinds('card=3782-822463-10005')).toEqual(['card-number']); // Amex grouping 4-6-5
  expect(kinds('cardNumber=4242+4242+4242+4242&x=1 and 4242%204242%204242%204242')).toEqual(['card-number', 'card-number']);
  expect(kinds('4242424242424241')).toEqual([]);
});

test('a grouped card number after a stray digit is still found', () => {
  expect(kinds('qty 1 4242 4242 4242 4242')).toEqual(['card-number']);
});

test('ids, timestamps, uuids, decimals and SVG path data are not card numbers', () => {
  const text = [
    'ch_4242424242424242 order_4242424242424242 cs_test_a1B2c3',
    '"start":1795460292242,"wallTime":1795460292242.513,"monotonicTime":123456789012.5',
    '12345678-1234-1234-1234-123456789012 4242424242424242.5',
    'd="M0 0 1 1 0 0 1 0 1 1 0 0 1 1 0 0 1"  M18 12a6 6 0 1 1-12 0 6 6 0 0 1 12 0z',
  ].join('\n');
  expect(findLeaksInText(text)).toEqual([]);
});

test('the excerpt keeps the context and never the secret', () => {
  const [leak] = findLeaksInText('{"step":"pay","card":"4242 4242 4242 4242","amount":4900}');
  expect(leak?.excerpt).toBe('{"step":"pay","card":"[redacted card number]","amount":4900}');
  const [key] = findLeaksInText(`STRIPE_SECRET_KEY=sk_live_51AbCdEfGh0123 and a very long tail of text that is cut off here`);
  expect(key?.excerpt).toMatch(/^STRIPE_SECRET_KEY=sk_live_\[redacted\] and a very long tail of text that is…$/);
  const [card] = findLeaksInText('digits 4242 4242 4242 4242 next to another 4000 0027 6000');
  expect(card?.excerpt).not.toMatch(/4000 0027|60003184/);
});

test('finds card numbers split by no-break spaces, repeated spaces and mixed separators', () => {
  expect(kinds('4242\u00a04242\u00a04242\u00a04242')).toEqual(['card-number']); // no-break space
  expect(kinds('"4000\u202f0027\u202f6000\u202f3184"')).toEqual(['card-number']); // narrow no-break space
  expect(kinds('card: 4242  4242   4242  4242')).toEqual(['card-number']);
  expect(kinds('4242 - 4242-4242\u00a04242')).toEqual(['card-number']);
  expect(kinds('3782\u00a0822463\u00a010005')).toEqual(['card-number']); // Amex grouping 4-6-5
  expect(kinds('<td>4242&nbsp;4242&nbsp;4242&nbsp;4242</td>')).toEqual(['card-number']);
});

test('split numbers are still checked: Luhn, 13-19 digits, and no number written with thousands separators', () => {
  expect(kinds('4242\u00a04242\u00a04242\u00a04241')).toEqual([]); // fails Luhn
  expect(kinds('4242\u00a04242\u00a04242')).toEqual([]); // 12 digits
  expect(kinds('total 1\u202f234\u202f567\u202f890\u202f123\u202f454 and 1 234 567 890 123 454')).toEqual([]); // Luhn-valid, but thousands
  expect(kinds('amount 4\u00a0900,00 € on 2026-11-23 12:00')).toEqual([]);
});

test('the excerpt masks a no-break-space-split card number next to the one reported', () => {
  const [leak] = findLeaksInText('paid 4242\u00a04242\u00a04242\u00a04242 then tried 4000\u00a00027\u00a06000 and');
  expect(leak?.excerpt).not.toMatch(/4000|0027|6000/);
});
