import { expect, test } from '@playwright/test';
import { referralCommissionRule, referralSnippetKey } from '../../../../src/guards/preflight/checks/index';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* tracking-snippet-key and commission-rule-as-agreed, against a misconfigured shop and programme. */

test("referral.snippet-key fails when the shop's snippet carries the other mode's key (shop.snippet-wrong-mode-key)", async () => {
  const started = await startPreflightSandbox({ faults: ['shop.snippet-wrong-mode-key'] });
  try {
    const report = await preflightOn(started, { checks: [referralSnippetKey] });
    const result = resultOf(report, 'referral.snippet-key');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The tracking snippet on ${started.sandbox.shop.url}/ carries pk_live_referral_sandbox_0000, a live-mode key, but this is a test run: ` +
        "put the referral platform's test publishable key (pk_test_referral_sandbox_0000) in the snippet.",
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('referral.commission-rule fails when the programme pays 10 % instead of the agreed 20 % (referral.wrong-commission-rate)', async () => {
  const started = await startPreflightSandbox({ faults: ['referral.wrong-commission-rate'] });
  try {
    const report = await preflightOn(started, { checks: [referralCommissionRule] });
    const result = resultOf(report, 'referral.commission-rule');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      'The programme "Demo partner program" (prog_demo) pays 10 % of each sale, so Rehearsal T-shirt (product tshirt) earns 2.00 USD instead of the agreed 4.00 USD ' +
        "(and 2 more prices are off): correct the programme's commission rule at the referral platform, or the agreed amounts if the agreement changed.",
    );
    expect(result.details).toEqual([
      'Rehearsal T-shirt (product tshirt): a 20.00 USD sale pays 2.00 USD, but 4.00 USD was agreed.',
      'Rehearsal Tenugui (product tenugui): a 1,500 JPY sale pays 150 JPY, but 300 JPY was agreed.',
      'Rehearsal Club (plan club): a 15.00 USD sale pays 1.50 USD, but 3.00 USD was agreed.',
    ]);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
