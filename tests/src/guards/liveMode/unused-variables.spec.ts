import { expect, test } from '@playwright/test';
import { evaluateLiveGuard, liveKeyVariables, unusedVariableWarnings, type LiveGuardInput } from '../../../../src/guards/liveMode/index';
import { externalEnvironment } from '../../../../src/model/target/externalEnvironment';

/**
 * Issue 16, point 11: a key in the environment that the run will not use is named, and a live one is refused in test
 * mode even when unused, so "no live key anywhere" is true and nobody believes the embedded sandbox was their site.
 */

const PRICES = [{ name: 'Rehearsal T-shirt', amount: 2000, currency: 'usd' }];

/** What the embedded sandbox's connect() gives: its own keys and loopback ports, none of the variables. */
const SANDBOX = {
  merchant: {
    baseUrl: 'http://127.0.0.1:40001',
    adminKey: 'shop_admin_sandbox_0000',
    webhook: { url: 'http://127.0.0.1:40001/webhooks/stripe' },
  },
  provider: {
    apiBase: 'http://127.0.0.1:40002',
    secretKey: 'sk_test_sandbox_51DressRehearsal0000',
    publishableKey: 'pk_test_sandbox_51DressRehearsal0000',
  },
  referral: {
    apiBase: 'http://127.0.0.1:40003',
    secretKey: 'sk_test_referral_sandbox_0000',
    publishableKey: 'pk_test_referral_sandbox_0000',
  },
  embeddedSandbox: true,
};

/** Built at run time, so no file of the project holds a live-key-shaped literal. */
const liveKey = (prefix: 'sk' | 'rk' | 'pk', tail = '51OperatorAccount0000') => [prefix, 'live', tail].join('_');

const YOUR_SITE_VARIABLES = {
  REHEARSAL_MERCHANT_URL: 'https://shop.example',
  STRIPE_SECRET_KEY: 'sk_test_51OperatorAccount0000',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_51OperatorAccount0000',
  REFERRAL_API_BASE: 'https://api.referral.example',
  REFERRAL_SECRET_KEY: 'sk_test_referral_operator_0000',
  REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_operator_0000',
};

function testMode(environment: LiveGuardInput['environment'], variables: NodeJS.ProcessEnv): LiveGuardInput {
  return { mode: 'test', settings: { confirmLiveFlag: false, card: {} }, environment, variables, prices: PRICES };
}

test.describe('test mode refuses a live key in any variable, used or not', () => {
  test('a live STRIPE_SECRET_KEY the embedded sandbox does not use is refused, named by its prefix, never its value', () => {
    const failures = evaluateLiveGuard(testMode(SANDBOX, { STRIPE_SECRET_KEY: liveKey('sk') }), {
      snippet: { key: 'pk_test_referral_sandbox_0000' },
    });
    expect(failures).toEqual([
      'Test mode refuses any live key in its environment, even one it does not use, but STRIPE_SECRET_KEY (sk_live…) is set: ' +
        'unset it (in the environment and .env) or set a test key; to rehearse with live keys, run with --mode live --confirm-live.',
    ]);
    expect(failures.join('\n')).not.toContain('51OperatorAccount');
  });

  test('live keys under any name are named, the referral and restricted ones too', () => {
    const variables = {
      REFERRAL_SECRET_KEY: liveKey('sk', 'referral_0000'),
      SOME_TOOL_KEY: liveKey('rk'),
      STRIPE_PUBLISHABLE_KEY: liveKey('pk'),
      HOME: '/root',
    };
    expect(liveKeyVariables(variables, SANDBOX)).toEqual(['REFERRAL_SECRET_KEY', 'SOME_TOOL_KEY', 'STRIPE_PUBLISHABLE_KEY']);
  });

  test('a live key the run does use is named once, as the key it is', () => {
    const variables = { ...YOUR_SITE_VARIABLES, STRIPE_SECRET_KEY: liveKey('sk') };
    const failures = evaluateLiveGuard(testMode(externalEnvironment(variables), variables), {
      snippet: { key: 'pk_test_referral_operator_0000' },
    });
    expect(failures[0]).toBe(
      'Test mode never uses live keys, but the provider secret key (STRIPE_SECRET_KEY) is live: set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.',
    );
    expect(failures.filter((line) => line.includes('STRIPE_SECRET_KEY'))).toHaveLength(1);
  });

  test('test keys in unused variables are not refused', () => {
    expect(evaluateLiveGuard(testMode(SANDBOX, YOUR_SITE_VARIABLES), { snippet: { key: 'pk_test_referral_sandbox_0000' } })).toEqual([]);
  });
});

test("live mode on the embedded sandbox says so, rather than calling the sandbox's test keys STRIPE_SECRET_KEY", () => {
  const input: LiveGuardInput = {
    mode: 'live',
    settings: { confirmLiveFlag: true, maxAmount: '5000', card: { number: '4111111111111111', expiry: '12/40', cvc: '123' } },
    environment: SANDBOX,
    variables: { STRIPE_SECRET_KEY: liveKey('sk') },
    prices: PRICES,
  };
  expect(evaluateLiveGuard(input, { snippet: { key: 'pk_test_referral_sandbox_0000' } })).toEqual([
    'Live mode cannot rehearse the embedded offline sandbox (its keys are test keys of no account): ' +
      'set REHEARSAL_MERCHANT_URL and the live keys of your site (see .env.example), or run with --mode test.',
  ]);
});

test.describe('variables the run does not use are named, one line each, with what to do', () => {
  test('on the embedded sandbox every set provider, referral and merchant variable is named with the REHEARSAL_MERCHANT_URL advice', () => {
    const variables = {
      STRIPE_SECRET_KEY: 'sk_test_51OperatorAccount0000',
      MERCHANT_ADMIN_KEY: 'admin-key-of-the-shop',
      MERCHANT_WEBHOOK_SECRET: ' ',
      PATH: '/usr/bin',
    };
    expect(unusedVariableWarnings(variables, SANDBOX)).toEqual([
      'STRIPE_SECRET_KEY is set but this run rehearses the embedded sandbox, which does not use it: set REHEARSAL_MERCHANT_URL to rehearse your site (or unset STRIPE_SECRET_KEY).',
      'MERCHANT_ADMIN_KEY is set but this run rehearses the embedded sandbox, which does not use it: set REHEARSAL_MERCHANT_URL to rehearse your site (or unset MERCHANT_ADMIN_KEY).',
    ]);
  });

  test('a run on the site the variables describe uses every one of them', () => {
    const variables = {
      ...YOUR_SITE_VARIABLES,
      MERCHANT_ADMIN_KEY: 'admin-key-of-the-shop',
      REFERRAL_PROVIDER_WEBHOOK_EVENTS: 'invoice.paid',
    };
    expect(unusedVariableWarnings(variables, externalEnvironment(variables))).toEqual([]);
  });

  test('a target connecting its own way uses the variables whose values it carries; the others are named with the site it rehearses', () => {
    const own = { ...externalEnvironmentWithout(YOUR_SITE_VARIABLES), merchant: { baseUrl: 'https://shop.example/' } };
    expect(unusedVariableWarnings({ ...YOUR_SITE_VARIABLES, MERCHANT_ADMIN_KEY: 'another-admin-key' }, own)).toEqual([
      'MERCHANT_ADMIN_KEY is set but this run does not use it (it rehearses your site at https://shop.example ' +
        "(provider https://api.stripe.com, referral platform https://api.referral.example)): unset it, or make the target's connect() read it.",
    ]);
  });

  test('a live variable left out by the caller (the guard refuses it) is not named twice', () => {
    expect(unusedVariableWarnings({ STRIPE_SECRET_KEY: liveKey('sk') }, SANDBOX, ['STRIPE_SECRET_KEY'])).toEqual([]);
  });
});

/** The same parties as externalEnvironment(variables), as a plain object a target built itself (no mark). */
function externalEnvironmentWithout(variables: NodeJS.ProcessEnv) {
  const built = externalEnvironment(variables);
  return { merchant: { ...built.merchant }, provider: { ...built.provider }, referral: { ...built.referral! } };
}
