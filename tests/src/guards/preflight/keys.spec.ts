import { expect, test } from '@playwright/test';
import { blockingFailures } from '../../../../src/guards/preflight/index';
import { keysAuthenticate, keysMode } from '../../../../src/guards/preflight/checks/index';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* keys-valid-for-mode: keys.authenticate and keys.mode fail on keys that do not work or are of the wrong mode. */

test('keys.authenticate fails when the provider and referral secret keys are wrong, naming both, never printing them', async () => {
  const wrongProviderKey = 'sk_test_notTheSandboxKey_000000000000';
  const wrongReferralKey = 'sk_test_referral_notTheSandboxKey_0000';
  const started = await startPreflightSandbox({ env: { STRIPE_SECRET_KEY: wrongProviderKey, REFERRAL_SECRET_KEY: wrongReferralKey } });
  try {
    const report = await preflightOn(started, { checks: [keysAuthenticate] });
    const result = resultOf(report, 'keys.authenticate');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /The provider at http:\/\/127\.0\.0\.1:\d+ refused the secret key \(GET \/v1\/account answered 401\): set STRIPE_SECRET_KEY/,
    );
    expect(result.summary).toMatch(
      /The referral platform at http:\/\/127\.0\.0\.1:\d+ refused the secret key \(GET \/v1\/programs\/prog_demo answered 401\): set REFERRAL_SECRET_KEY/,
    );
    expect(blockingFailures(report)).toEqual([result]);
    for (const key of [wrongProviderKey, wrongReferralKey]) expect(JSON.stringify(report)).not.toContain(key);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('keys.mode fails when a test run mixes in a live key, naming which key and never showing a secret one', async () => {
  const started = await startPreflightSandbox({
    env: { REFERRAL_PUBLISHABLE_KEY: 'pk_live_referral_sandbox_0000', STRIPE_SECRET_KEY: 'sk_live_sandbox_51DressRehearsal0000' },
  });
  try {
    const report = await preflightOn(started, { checks: [keysMode] });
    const result = resultOf(report, 'keys.mode');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      'This is a test run, but the provider secret key (STRIPE_SECRET_KEY) is a live key, the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY) is a live key: set them to the test keys of the same accounts.',
    );
    expect(result.details).toContain('The keys mix test and live: payments and referrals would land in different worlds.');
    expect(JSON.stringify(report)).not.toContain('sk_live_sandbox_51DressRehearsal0000');
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
