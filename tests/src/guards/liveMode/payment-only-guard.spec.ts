import { expect, test } from '@playwright/test';
import type { LiveSettings } from '../../../../src/model/config/liveSettings';
import { checkLiveGuard, evaluateLiveGuard, type LiveGuardInput, type LiveGuardProbes } from '../../../../src/guards/liveMode/index';

/* The live guard of a payment-only merchant (capabilities.referralProgramme: false): no referral key, no snippet. */

const PROVIDER = {
  apiBase: 'http://127.0.0.1:12111',
  secretKey: 'sk_live_sandbox_51DressRehearsal0000',
  publishableKey: 'pk_live_sandbox_51DressRehearsal0000',
};
const ACCOUNT = { id: 'acct_1DressRehearsal', displayName: 'Payment Only Shop', businessName: 'Payment Only Shop' };
const SETTINGS: LiveSettings = {
  confirmLiveFlag: true,
  confirmLive: 'Payment Only Shop',
  maxAmount: '5000',
  card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123', name: 'Ada Operator', postalCode: '10001' },
};

function input(referralProgramme?: boolean): LiveGuardInput {
  return {
    mode: 'live',
    settings: SETTINGS,
    environment: { merchant: { baseUrl: 'https://shop.example' }, provider: PROVIDER },
    prices: [{ name: 'Tea', amount: 2000, currency: 'usd' }],
    ...(referralProgramme !== undefined ? { referralProgramme } : {}),
    now: new Date('2026-06-15T12:00:00Z'),
  };
}

test('live mode demands no referral key and no tracking snippet of a merchant without a referral programme', async () => {
  let snippetProbed = false;
  const probes: LiveGuardProbes = {
    account: async () => ACCOUNT,
    snippetKey: async () => {
      snippetProbed = true;
      return undefined;
    },
  };
  expect(await checkLiveGuard(input(false), probes)).toEqual([]);
  expect(snippetProbed, 'the page is not probed for a snippet it has no reason to carry').toBe(false);
  // Without the flag, an environment that names no referral platform is taken for one without a programme too.
  expect(evaluateLiveGuard(input(), { account: ACCOUNT })).toEqual([]);
});

test('a merchant with a referral programme still needs live referral keys and the live snippet', () => {
  const failures = evaluateLiveGuard(input(true), { account: ACCOUNT, snippet: { key: undefined } });
  expect(failures.join('\n')).toContain('the referral platform secret key (REFERRAL_SECRET_KEY: missing or not a key of either mode)');
  expect(failures.join('\n')).toContain('has no tracking snippet');
});
