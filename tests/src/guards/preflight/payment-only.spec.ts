import { expect, test } from '@playwright/test';
import { blockingFailures, preflightItems, runPreflight } from '../../../../src/guards/preflight/index';
import { externalEnvironment } from '../../../../src/model/target/externalEnvironment';
import { FaultSwitches, startSandbox } from '../../../../sandbox/index';
import { externalIntegrationEnv } from '../../../support/externalIntegrationEnv';
import paymentOnlyDemo from '../../../support/targets/payment-only-demo/target';
import { resultOf } from './support/preflightSandbox';

/* Preflight of a payment-only merchant (capabilities.referralProgramme: false), connected with no REFERRAL_* variable. */

const NOT_IN_REHEARSAL =
  'Not checked: not in this rehearsal: this merchant runs no referral programme (capabilities.referralProgramme: false).';

test('the referral checks say "not in this rehearsal", the keys and endpoints are the payment ones, and nothing blocks', async ({
  browser,
}) => {
  const sandbox = await startSandbox({ mode: 'test', providerPort: 0, shopPort: 0, referralPort: 0, faults: new FaultSwitches([]) });
  try {
    const env: NodeJS.ProcessEnv = externalIntegrationEnv(sandbox);
    delete env.REFERRAL_API_BASE;
    delete env.REFERRAL_SECRET_KEY;
    delete env.REFERRAL_PUBLISHABLE_KEY;
    const environment = await paymentOnlyDemo.connect({ workerIndex: 0, env });
    expect(environment.referral, 'no referral platform is read for a payment-only merchant').toBeUndefined();
    expect(environment.requiredWebhookEndpoints.map((endpoint) => endpoint.name)).toEqual(['the merchant']);

    const report = await runPreflight({ target: paymentOnlyDemo, environment, mode: 'test', runId: 'preflight-payment-only', browser });
    expect(resultOf(report, 'referral.snippet-key')).toMatchObject({ status: 'skipped', summary: NOT_IN_REHEARSAL });
    expect(resultOf(report, 'referral.commission-rule')).toMatchObject({ status: 'skipped', summary: NOT_IN_REHEARSAL });
    // The reachability item stays: its static check judges the provider's endpoints, its referral ping is left out.
    expect(resultOf(report, 'referral.endpoints-ping')).toMatchObject({ status: 'skipped', summary: NOT_IN_REHEARSAL });
    expect(resultOf(report, 'webhooks.endpoints-reachable').status).toBe('passed');
    expect(preflightItems(report).find((entry) => entry.item.id === 'webhook-endpoints-reachable')?.verdict).toBe('passed');
    expect(resultOf(report, 'keys.authenticate')).toMatchObject({
      status: 'passed',
      summary: 'The provider secret key works (there is no referral key to check).',
    });
    expect(resultOf(report, 'keys.mode')).toMatchObject({ status: 'passed', summary: 'Both keys are test keys.' });
    expect(resultOf(report, 'webhooks.endpoints-registered').status).toBe('passed');
    expect(report.outOfScope?.[0]?.items).toContain('tracking-snippet-key');
    expect(
      blockingFailures(report),
      report.results
        .filter((result) => result.status === 'failed')
        .map((result) => result.summary)
        .join('\n'),
    ).toEqual([]);
  } finally {
    await sandbox.stop();
  }
});

test('externalEnvironment needs no REFERRAL_* variable for a payment-only merchant, and still does for one with a programme', () => {
  const env = {
    REHEARSAL_MERCHANT_URL: 'https://shop.example',
    STRIPE_SECRET_KEY: ['sk', 'test', '51PaymentOnlyMerchantKey000'].join('_'),
    STRIPE_PUBLISHABLE_KEY: 'pk_test_51PaymentOnlyMerchantKey000',
    REFERRAL_SECRET_KEY: 'short', // not read without a programme, so not judged either
  };
  const environment = externalEnvironment(env, { referralProgramme: false });
  expect(environment.referral).toBeUndefined();
  expect(environment.requiredWebhookEndpoints).toEqual([]);
  expect(() => externalEnvironment(env)).toThrow(
    'REHEARSAL_MERCHANT_URL is set, so the rehearsal connects to a running integration, but REFERRAL_API_BASE, REFERRAL_PUBLISHABLE_KEY are not set',
  );
});
