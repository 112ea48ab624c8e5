import { test, expect } from '@playwright/test';
import { amountCapFor, hasAmountCap } from '../../../../src/model/config/amountCaps';
import { readLiveSettings, type LiveSettings } from '../../../../src/model/config/liveSettings';
import { evaluateLiveGuard, type LiveGuardInput, type LiveGuardObservations } from '../../../../src/guards/liveMode/liveGuard';

const PRICES = [
  { name: 'Rehearsal T-shirt', amount: 2000, currency: 'usd' },
  { name: 'Rehearsal Tenugui', amount: 1500, currency: 'jpy' },
  { name: 'Rehearsal Club', amount: 1500, currency: 'usd' },
];
const LIVE_KEYS = {
  provider: {
    apiBase: 'http://127.0.0.1:12111',
    secretKey: 'sk_live_sandbox_51DressRehearsal0000',
    publishableKey: 'pk_live_sandbox_51DressRehearsal0000',
  },
  referral: {
    apiBase: 'http://127.0.0.1:4100',
    secretKey: 'sk_live_referral_sandbox_0000',
    publishableKey: 'pk_live_referral_sandbox_0000',
  },
};
const SEEN: LiveGuardObservations = {
  account: { id: 'acct_1DressRehearsal', displayName: 'Dress Rehearsal sandbox' },
  snippet: { key: 'pk_live_referral_sandbox_0000' },
};

function liveInput(caps: Pick<LiveSettings, 'maxAmount' | 'amountCap'>): LiveGuardInput {
  return {
    mode: 'live',
    settings: {
      confirmLiveFlag: true,
      confirmLive: 'Dress Rehearsal sandbox',
      card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' },
      ...caps,
    },
    environment: { merchant: { baseUrl: 'http://127.0.0.1:4242' }, ...LIVE_KEYS },
    prices: PRICES,
    now: new Date('2026-06-15T12:00:00Z'),
  };
}

test.describe('amountCapFor', () => {
  test("gives rehearsal.config.ts's cap for the currency, whatever its case", () => {
    expect(amountCapFor({ amountCap: { usd: 5000, jpy: 3000 } }, 'JPY')).toEqual({
      amount: 3000,
      label: 'amountCap.jpy=3000 (rehearsal.config.ts)',
    });
    expect(amountCapFor({ amountCap: { usd: 5000 } }, 'eur')).toBeUndefined();
  });

  test('REHEARSAL_MAX_AMOUNT, when set, caps every currency instead', () => {
    expect(amountCapFor({ maxAmount: '1000', amountCap: { usd: 5000 } }, 'usd')).toEqual({
      amount: 1000,
      label: 'REHEARSAL_MAX_AMOUNT=1000',
    });
    expect(amountCapFor({ maxAmount: '1000' }, 'jpy')?.amount).toBe(1000);
    expect(
      amountCapFor({ maxAmount: 'lots', amountCap: { usd: 5000 } }, 'usd'),
      'an unusable variable caps nothing (the guard says so)',
    ).toBeUndefined();
  });

  test('says whether any cap is configured', () => {
    expect(hasAmountCap({})).toBe(false);
    expect(hasAmountCap({ amountCap: {} })).toBe(false);
    expect(hasAmountCap({ amountCap: { jpy: 100 } })).toBe(true);
    expect(hasAmountCap({ maxAmount: '100' })).toBe(true);
  });

  test("readLiveSettings carries the file's caps next to the environment's", () => {
    expect(readLiveSettings({ REHEARSAL_MAX_AMOUNT: '700' }, { amountCap: { usd: 5000 } })).toMatchObject({
      maxAmount: '700',
      amountCap: { usd: 5000 },
    });
    expect(readLiveSettings({}, { amountCap: {} })).not.toHaveProperty('amountCap');
  });
});

test.describe('the live guard with per-currency caps', () => {
  test('passes when every currency the flows pay is capped at or above its highest price', () => {
    expect(evaluateLiveGuard(liveInput({ amountCap: { usd: 2000, jpy: 1500 } }), SEEN)).toEqual([]);
  });

  test('refuses a currency the file does not cap, saying what to add', () => {
    expect(evaluateLiveGuard(liveInput({ amountCap: { usd: 5000 } }), SEEN)).toEqual([
      'Live mode needs a cap for every currency the flows pay, but rehearsal.config.ts has none for jpy: add amountCap.jpy (at least 1500) in minor units, or set REHEARSAL_MAX_AMOUNT to cap every currency.',
    ]);
  });

  test('refuses a cap below a price of its currency', () => {
    expect(evaluateLiveGuard(liveInput({ amountCap: { usd: 1800, jpy: 5000 } }), SEEN)).toEqual([
      'amountCap.usd=1800 (rehearsal.config.ts) is below what the flows pay (Rehearsal T-shirt 2000 usd): raise it to at least 2000.',
    ]);
  });

  test('REHEARSAL_MAX_AMOUNT wins over the file, as one cap for every currency', () => {
    expect(evaluateLiveGuard(liveInput({ maxAmount: '1800', amountCap: { usd: 5000, jpy: 5000 } }), SEEN)).toEqual([
      'REHEARSAL_MAX_AMOUNT=1800 is below what the flows pay (Rehearsal T-shirt 2000 usd): raise it to at least 2000.',
    ]);
    expect(evaluateLiveGuard(liveInput({ maxAmount: '5000', amountCap: { usd: 100 } }), SEEN)).toEqual([]);
  });

  test('without any cap, live mode asks for REHEARSAL_MAX_AMOUNT as before', () => {
    expect(evaluateLiveGuard(liveInput({}), SEEN)).toEqual([
      'Live mode needs REHEARSAL_MAX_AMOUNT, the most one payment may charge in minor units: set it to at least 2000 (the highest price the flows pay).',
    ]);
  });
});
