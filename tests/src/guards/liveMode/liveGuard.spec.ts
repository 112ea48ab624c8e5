import { expect, test } from '@playwright/test';
import type { LiveSettings } from '../../../../src/model/config/liveSettings';
import { readLiveSettings, parseMaxAmount } from '../../../../src/model/config/liveSettings';
import {
  cataloguePrices,
  checkLiveGuard,
  embeddedAccountPrefix,
  evaluateLiveGuard,
  keyMode,
  liveCardProblems,
  livePaymentCard,
  snippetKeyIn,
  type LiveGuardInput,
  type LiveGuardObservations,
} from '../../../../src/guards/liveMode/index';

const NOW = new Date('2026-06-15T12:00:00Z');
const MERCHANT = 'http://127.0.0.1:4242';
const PRICES = [
  { name: 'Rehearsal T-shirt', amount: 2000, currency: 'usd' },
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
const TEST_KEYS = {
  provider: { apiBase: 'http://127.0.0.1:12111', secretKey: 'sk_test_sandbox_0000', publishableKey: 'pk_test_sandbox_0000' },
  referral: {
    apiBase: 'http://127.0.0.1:4100',
    secretKey: 'sk_test_referral_sandbox_0000',
    publishableKey: 'pk_test_referral_sandbox_0000',
  },
};
const ACCOUNT = { id: 'acct_1DressRehearsal', displayName: 'Dress Rehearsal sandbox', businessName: 'Dress Rehearsal sandbox' };
const GOOD_LIVE_SETTINGS: LiveSettings = {
  confirmLiveFlag: true,
  confirmLive: 'Dress Rehearsal sandbox',
  maxAmount: '5000',
  card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123', name: 'Ada Operator', postalCode: '10001' },
};
const LIVE_SEEN: LiveGuardObservations = { account: ACCOUNT, snippet: { key: 'pk_live_referral_sandbox_0000' } };

function liveInput(overrides: { settings?: Partial<LiveSettings>; keys?: typeof LIVE_KEYS } = {}): LiveGuardInput {
  const keys = overrides.keys ?? LIVE_KEYS;
  return {
    mode: 'live',
    settings: { ...GOOD_LIVE_SETTINGS, ...overrides.settings },
    environment: { merchant: { baseUrl: MERCHANT }, provider: keys.provider, referral: keys.referral },
    prices: PRICES,
    now: NOW,
  };
}

function testInput(keys: typeof LIVE_KEYS = TEST_KEYS, settings: Partial<LiveSettings> = {}): LiveGuardInput {
  return {
    mode: 'test',
    settings: { confirmLiveFlag: false, card: {}, ...settings },
    environment: { merchant: { baseUrl: MERCHANT }, provider: keys.provider, referral: keys.referral },
    prices: PRICES,
    now: NOW,
  };
}

test.describe('live mode rules', () => {
  test('a complete live configuration passes', () => {
    expect(evaluateLiveGuard(liveInput(), LIVE_SEEN)).toEqual([]);
  });

  test('the confirmation flag is required', () => {
    expect(evaluateLiveGuard(liveInput({ settings: { confirmLiveFlag: false } }), LIVE_SEEN)).toEqual([
      'Live mode charges a real card: add --confirm-live to `rehearse run --mode live` (REHEARSAL_CONFIRM_LIVE_FLAG=1 for npx playwright test).',
    ]);
  });

  test('the typed name must be the account name or the merchant host', () => {
    expect(evaluateLiveGuard(liveInput({ settings: { confirmLive: '127.0.0.1:4242' } }), LIVE_SEEN)).toEqual([]);
    expect(evaluateLiveGuard(liveInput({ settings: { confirmLive: '127.0.0.1' } }), LIVE_SEEN)).toEqual([]);
    expect(evaluateLiveGuard(liveInput({ settings: { confirmLive: 'Dress Rehearsal' } }), LIVE_SEEN)).toEqual([
      'REHEARSAL_CONFIRM_LIVE="Dress Rehearsal" is neither the provider account\'s name ("Dress Rehearsal sandbox") nor the merchant\'s host (127.0.0.1:4242): type one of them to confirm where the money moves.',
    ]);
    expect(evaluateLiveGuard(liveInput({ settings: { confirmLive: undefined } }), LIVE_SEEN)).toEqual([
      'Live mode needs REHEARSAL_CONFIRM_LIVE typed by you: set it to the provider account\'s name ("Dress Rehearsal sandbox") or the merchant\'s host (127.0.0.1:4242).',
    ]);
  });

  test('test keys are refused, every one named', () => {
    const failures = evaluateLiveGuard(liveInput({ keys: TEST_KEYS, settings: { confirmLive: '127.0.0.1:4242' } }), {
      snippet: { key: 'pk_test_referral_sandbox_0000' },
    });
    expect(failures).toEqual([
      'Live mode needs live keys, but these are not: the provider secret key (STRIPE_SECRET_KEY: a test key), the provider publishable key (STRIPE_PUBLISHABLE_KEY: a test key), ' +
        'the referral platform secret key (REFERRAL_SECRET_KEY: a test key), the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY: a test key); ' +
        'set live keys (prefixes sk_live or rk_live, pk_live) or run with --mode test.',
      "The merchant's page http://127.0.0.1:4242/ carries a test key in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.",
    ]);
  });

  test('a restricted live key (rk_live_) is a live provider secret key', () => {
    const keys = { ...LIVE_KEYS, provider: { ...LIVE_KEYS.provider, secretKey: 'rk_live_sandbox_51DressRehearsal0000' } };
    expect(evaluateLiveGuard(liveInput({ keys }), LIVE_SEEN)).toEqual([]);
  });

  test('keys of two accounts are refused, by their prefix and by the account GET /v1/account names', () => {
    const keys = { ...LIVE_KEYS, provider: { ...LIVE_KEYS.provider, publishableKey: 'pk_live_otheraccount_0000000000' } };
    expect(evaluateLiveGuard(liveInput({ keys }), LIVE_SEEN)).toEqual([
      'The provider secret and publishable keys belong to different accounts (their first 16 characters after the live prefix differ): set both keys of the one account you mean to charge.',
    ]);
    const embedded = {
      ...LIVE_KEYS,
      provider: { ...LIVE_KEYS.provider, secretKey: 'sk_live_51AbCdEfGhIjKlMnOpXyz', publishableKey: 'pk_live_51AbCdEfGhIjKlMnOpQrs' },
    };
    expect(
      evaluateLiveGuard(liveInput({ keys: embedded }), { ...LIVE_SEEN, account: { ...ACCOUNT, id: 'acct_1ZzZzZzZzZzZzZzZ' } }),
    ).toEqual([
      'The provider secret key belongs to account acct_1AbCdEfGhIjKlMnO…, but GET /v1/account answered acct_1ZzZzZzZzZzZzZzZ: set the keys of the account you mean to charge.',
    ]);
    expect(
      evaluateLiveGuard(liveInput({ keys: embedded }), { ...LIVE_SEEN, account: { ...ACCOUNT, id: 'acct_1AbCdEfGhIjKlMnOp' } }),
    ).toEqual([]);
  });

  test('the snippet must carry a live key, and be there', () => {
    expect(evaluateLiveGuard(liveInput(), { ...LIVE_SEEN, snippet: { key: undefined } })).toEqual([
      "The merchant's page http://127.0.0.1:4242/ has no tracking snippet (script[data-merchant]): live mode checks it carries a pk_live_ key; add the snippet or check REHEARSAL_MERCHANT_URL.",
    ]);
    expect(evaluateLiveGuard(liveInput(), { ...LIVE_SEEN, snippet: { error: 'fetch failed' } })).toEqual([
      "Could not read the merchant's page http://127.0.0.1:4242/ (fetch failed): check REHEARSAL_MERCHANT_URL; live mode checks its tracking snippet carries a pk_live_ key.",
    ]);
  });

  test('the cap is required, a positive whole number, and at least every price', () => {
    expect(evaluateLiveGuard(liveInput({ settings: { maxAmount: undefined } }), LIVE_SEEN)).toEqual([
      'Live mode needs REHEARSAL_MAX_AMOUNT, the most one payment may charge in minor units: set it to at least 2000 (the highest price the flows pay).',
    ]);
    expect(evaluateLiveGuard(liveInput({ settings: { maxAmount: '20.00' } }), LIVE_SEEN)).toEqual([
      'REHEARSAL_MAX_AMOUNT="20.00" is not a positive whole number of minor units: set it to e.g. 2000.',
    ]);
    expect(evaluateLiveGuard(liveInput({ settings: { maxAmount: '1800' } }), LIVE_SEEN)).toEqual([
      'REHEARSAL_MAX_AMOUNT=1800 is below what the flows pay (Rehearsal T-shirt 2000 usd): raise it to at least 2000.',
    ]);
    expect(evaluateLiveGuard(liveInput({ settings: { maxAmount: '2000' } }), LIVE_SEEN)).toEqual([]);
  });

  test("a subscription-only merchant's prices are its plans: no one-time product is needed for the cap", () => {
    const plan = {
      slug: 'club',
      name: 'Rehearsal Club',
      unitAmount: 1500,
      currency: 'usd',
      interval: 'month' as const,
      intervalCount: 1,
      price: { lookupKey: 'club' },
    };
    expect(cataloguePrices({ plans: [plan] })).toEqual([{ name: 'Rehearsal Club', amount: 1500, currency: 'usd' }]);
  });

  test('the card must be complete, Luhn-valid, unexpired and not a Stripe test card', () => {
    expect(liveCardProblems(GOOD_LIVE_SETTINGS.card, NOW)).toEqual([]);
    expect(liveCardProblems({}, NOW)).toEqual([
      'REHEARSAL_LIVE_CARD_NUMBER is not set',
      'REHEARSAL_LIVE_CARD_EXPIRY is not set',
      'REHEARSAL_LIVE_CARD_CVC is not set',
    ]);
    expect(liveCardProblems({ number: '4111111111111112', expiry: '05/26', cvc: '12' }, NOW)).toEqual([
      'REHEARSAL_LIVE_CARD_NUMBER is not a card number (13-19 digits passing the Luhn check)',
      'REHEARSAL_LIVE_CARD_EXPIRY has passed',
      'REHEARSAL_LIVE_CARD_CVC is not 3 or 4 digits',
    ]);
    expect(liveCardProblems({ number: '4242424242424242', expiry: '06/26', cvc: '123' }, NOW)).toEqual([
      "REHEARSAL_LIVE_CARD_NUMBER is one of Stripe's test cards",
    ]);
    expect(liveCardProblems({ number: '4111111111111111', expiry: '13/30', cvc: '123' }, NOW)).toEqual([
      'REHEARSAL_LIVE_CARD_EXPIRY is not MM/YY',
    ]);
    const failures = evaluateLiveGuard(liveInput({ settings: { card: { number: '4111111111111111', expiry: '12/30' } } }), LIVE_SEEN);
    expect(failures).toEqual([
      'The live card is not usable: REHEARSAL_LIVE_CARD_CVC is not set: set REHEARSAL_LIVE_CARD_NUMBER, REHEARSAL_LIVE_CARD_EXPIRY (MM/YY) and ' +
        'REHEARSAL_LIVE_CARD_CVC (optionally REHEARSAL_LIVE_CARD_NAME, REHEARSAL_LIVE_CARD_POSTAL_CODE) to your own card; live mode pays with no other.',
    ]);
    expect(failures.join('\n')).not.toContain('4111');
  });

  test('the live card as the payment page takes it, labelled by its last four digits', () => {
    expect(livePaymentCard(GOOD_LIVE_SETTINGS.card)).toEqual({
      number: '4111111111111111',
      expiry: '12 / 30',
      cvc: '123',
      label: 'the live card …1111',
      holderName: 'Ada Operator',
      postalCode: '10001',
    });
  });
});

test.describe('test mode and both modes', () => {
  test('test keys pass', () => {
    expect(evaluateLiveGuard(testInput(), { snippet: { key: 'pk_test_referral_sandbox_0000' } })).toEqual([]);
  });

  test('no live key anywhere, the snippet included', () => {
    expect(evaluateLiveGuard(testInput(LIVE_KEYS), { snippet: { key: 'pk_live_referral_sandbox_0000' } })).toEqual([
      'Test mode never uses live keys, but the provider secret key (STRIPE_SECRET_KEY), the provider publishable key (STRIPE_PUBLISHABLE_KEY), ' +
        'the referral platform secret key (REFERRAL_SECRET_KEY), the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY), ' +
        "the merchant page's tracking snippet key (script[data-merchant]) are live: set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.",
    ]);
  });

  test('mixed keys are refused in both modes', () => {
    const mixed = { provider: LIVE_KEYS.provider, referral: TEST_KEYS.referral };
    const mixLine =
      'The keys mix modes (live: the provider secret key, the provider publishable key; test: the referral platform secret key, ' +
      "the referral platform publishable key, the merchant page's tracking snippet key): use the keys of one mode throughout.";
    expect(evaluateLiveGuard(testInput(mixed), { snippet: { key: 'pk_test_referral_sandbox_0000' } })).toEqual([
      'Test mode never uses live keys, but the provider secret key (STRIPE_SECRET_KEY), the provider publishable key (STRIPE_PUBLISHABLE_KEY) are live: ' +
        'set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.',
      mixLine,
    ]);
    expect(evaluateLiveGuard(liveInput({ keys: mixed }), { ...LIVE_SEEN, snippet: { key: 'pk_test_referral_sandbox_0000' } })).toEqual([
      'Live mode needs live keys, but these are not: the referral platform secret key (REFERRAL_SECRET_KEY: a test key), ' +
        'the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY: a test key); set live keys (prefixes sk_live or rk_live, pk_live) or run with --mode test.',
      "The merchant's page http://127.0.0.1:4242/ carries a test key in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.",
      mixLine,
    ]);
  });

  test('a cap set in test mode must be a positive whole number (it is enforced in flight)', () => {
    expect(evaluateLiveGuard(testInput(TEST_KEYS, { maxAmount: 'lots' }), {})).toEqual([
      'REHEARSAL_MAX_AMOUNT="lots" is not a positive whole number of minor units: set it to e.g. 2000.',
    ]);
    expect(evaluateLiveGuard(testInput(TEST_KEYS, { maxAmount: '100' }), {})).toEqual([]);
  });
});

test.describe('probes and helpers', () => {
  test('checkLiveGuard reads the account only in live mode with a live secret key, and the snippet in both modes', async () => {
    const calls: string[] = [];
    const probes = {
      account: async () => {
        calls.push('account');
        return ACCOUNT;
      },
      snippetKey: async (url: string) => {
        calls.push(`snippet ${url}`);
        return 'pk_live_referral_sandbox_0000';
      },
    };
    expect(await checkLiveGuard(liveInput(), probes)).toEqual([]);
    expect(calls).toEqual(['account', `snippet ${MERCHANT}`]);
    calls.length = 0;
    expect(await checkLiveGuard(testInput(), probes)).toHaveLength(2); // live snippet: test-mode line + mixed line
    expect(calls).toEqual([`snippet ${MERCHANT}`]);
  });

  test('a failing account probe becomes one line', async () => {
    const failures = await checkLiveGuard(liveInput({ settings: { confirmLive: '127.0.0.1:4242' } }), {
      account: async () => {
        throw new Error('Invalid API Key provided\nsecond line');
      },
      snippetKey: async () => 'pk_live_referral_sandbox_0000',
    });
    expect(failures).toEqual([
      'Could not read the provider account with the live secret key (GET /v1/account: Invalid API Key provided): check STRIPE_SECRET_KEY and REHEARSAL_PROVIDER_API_BASE.',
    ]);
  });

  test('the snippet key is read from the first script with data-merchant', () => {
    expect(
      snippetKeyIn('<script src="/a.js"></script><script src="https://r.example/snippet.js" data-merchant="pk_live_abc" defer></script>'),
    ).toBe('pk_live_abc');
    expect(snippetKeyIn("<SCRIPT data-merchant='pk_test_x'></SCRIPT>")).toBe('pk_test_x');
    expect(snippetKeyIn('<p data-merchant="pk_live_no">not a script</p>')).toBeUndefined();
  });

  test('key modes and embedded accounts', () => {
    expect([keyMode('sk_live_x'), keyMode('rk_test_x'), keyMode('pk_live_x'), keyMode('whsec_x'), keyMode(undefined)]).toEqual([
      'live',
      'test',
      'live',
      'unknown',
      'unknown',
    ]);
    expect(embeddedAccountPrefix('pk_live_51AbCdEfGhIjKlMnOpRest')).toBe('acct_1AbCdEfGhIjKlMnO');
    expect(embeddedAccountPrefix('sk_live_sandbox_51DressRehearsal0000')).toBeUndefined();
  });

  test('settings are read from the environment as typed', () => {
    expect(
      readLiveSettings({
        REHEARSAL_CONFIRM_LIVE_FLAG: '1',
        REHEARSAL_CONFIRM_LIVE: ' shop.example ',
        REHEARSAL_MAX_AMOUNT: '5000',
        REHEARSAL_LIVE_CARD_CVC: '123',
      }),
    ).toEqual({
      confirmLiveFlag: true,
      confirmLive: 'shop.example',
      maxAmount: '5000',
      card: { cvc: '123' },
    });
    expect(readLiveSettings({ REHEARSAL_CONFIRM_LIVE_FLAG: 'yes' }).confirmLiveFlag).toBe(false);
    expect([parseMaxAmount('5000'), parseMaxAmount('0'), parseMaxAmount('-1'), parseMaxAmount('1e3'), parseMaxAmount(undefined)]).toEqual([
      5000,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
