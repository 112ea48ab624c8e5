import { test, expect } from '@playwright/test';
import { describeAction } from '../../../src/run/cleanup/cleanUpRun';
import { formatMoney, minorUnitDigits } from '../../../src/base/formatMoney';

test.describe('formatMoney: an amount in minor units, as a person reads it', () => {
  test('a two-decimal currency has cents: 1234 usd is 12.34 USD, thousands grouped', () => {
    expect(formatMoney(1234, 'usd')).toBe('12.34 USD');
    expect(formatMoney(5, 'eur')).toBe('0.05 EUR');
    expect(formatMoney(123456789, 'USD')).toBe('1,234,567.89 USD');
    expect(formatMoney(-2000, 'gbp')).toBe('-20.00 GBP');
  });

  test('a zero-decimal currency is already in whole units: 1500 jpy is 1,500 JPY, never 15.00', () => {
    expect(formatMoney(1500, 'jpy')).toBe('1,500 JPY');
    expect(formatMoney(150000, 'JPY')).toBe('150,000 JPY');
    expect(formatMoney(300, 'krw')).toBe('300 KRW');
  });

  test('a three-decimal currency is in thousandths: 1234 kwd is 1.234 KWD', () => {
    expect(formatMoney(1234, 'kwd')).toBe('1.234 KWD');
    expect(formatMoney(50, 'bhd')).toBe('0.050 BHD');
  });

  test("Stripe's lists: every zero-decimal and three-decimal currency, and the special cases that stay two-decimal", () => {
    for (const code of ['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']) {
      expect(minorUnitDigits(code), code).toBe(0);
    }
    for (const code of ['BHD', 'JOD', 'KWD', 'OMR', 'TND']) expect(minorUnitDigits(code), code).toBe(3);
    for (const code of ['USD', 'EUR', 'ISK', 'HUF', 'TWD']) expect(minorUnitDigits(code), code).toBe(2);
  });

  test('no amount, no currency or a fractional amount is said as such, never scaled by a guess', () => {
    expect(formatMoney(undefined, 'usd')).toBe('no amount');
    expect(formatMoney(null, 'usd')).toBe('no amount');
    expect(formatMoney(2000, null)).toBe('2000 (in minor units, no currency)');
    expect(formatMoney(12.5, 'usd')).toBe('12.5 USD (in minor units)');
  });
});

test('cleanup names a refunded ¥1,500 charge as 1,500 JPY (not 15.00 JPY)', () => {
  const line = describeAction({
    runId: 'rh-1',
    kind: 'charge',
    id: 'ch_1',
    action: 'refunded',
    refundId: 're_1',
    amount: 1500,
    currency: 'jpy',
  });
  expect(line).toBe('  ✓ refunded charge ch_1 1,500 JPY (refund re_1) [run rh-1]');
});
