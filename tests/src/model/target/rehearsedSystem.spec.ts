import { expect, test } from '@playwright/test';
import { externalEnvironment } from '../../../../src/model/target/externalEnvironment';
import { rehearsedSystem, rehearsedSystemLine } from '../../../../src/model/target/rehearsedSystem';

const SANDBOX = {
  merchant: { baseUrl: 'http://127.0.0.1:40001' },
  provider: { apiBase: 'http://127.0.0.1:40002', secretKey: 'sk_test_sandbox_0000', publishableKey: 'pk_test_sandbox_0000' },
  referral: { apiBase: 'http://127.0.0.1:40003', secretKey: 'sk_test_referral_0000', publishableKey: 'pk_test_referral_0000' },
};

test('the embedded sandbox a target started is named as such, in words', () => {
  const system = rehearsedSystem({ ...SANDBOX, embeddedSandbox: true });
  expect(system).toEqual({
    kind: 'embedded-sandbox',
    description: 'the embedded offline sandbox (no account, nothing leaves this machine)',
  });
  expect(rehearsedSystemLine(system)).toBe('▸ Rehearsing the embedded offline sandbox (no account, nothing leaves this machine)');
});

test("the site REHEARSAL_MERCHANT_URL names is the operator's, with its provider and referral platform, never a credential in a URL", () => {
  const environment = externalEnvironment({
    REHEARSAL_MERCHANT_URL: 'https://ops:hunter2@shop.example/?preview=1',
    STRIPE_SECRET_KEY: 'sk_test_51OperatorAccount0000',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_51OperatorAccount0000',
    REFERRAL_API_BASE: 'https://api.referral.example/',
    REFERRAL_SECRET_KEY: 'sk_test_referral_operator_0000',
    REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_operator_0000',
  });
  expect(rehearsedSystem(environment)).toEqual({
    kind: 'your-site',
    description: 'your site at https://shop.example (provider https://api.stripe.com, referral platform https://api.referral.example)',
  });
});

test("an environment that does not say it is the embedded sandbox is the operator's site, even on this machine", () => {
  expect(rehearsedSystem(SANDBOX).kind).toBe('your-site');
});
