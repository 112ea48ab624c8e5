import { expect, test } from '@playwright/test';
import { blockingFailures, formatPreflightLines } from '../../../../src/guards/preflight/index';
import { requestIds } from '../../../../src/guards/preflight/checks/index';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* request-ids-logged (a warning item): provider.request-ids fails when responses carry no Request-Id. */

test('provider.request-ids fails when the provider answers without a Request-Id (provider.no-request-id), as a warning', async () => {
  const started = await startPreflightSandbox({ faults: ['provider.no-request-id'] });
  try {
    const report = await preflightOn(started, { checks: [requestIds] });
    const result = resultOf(report, 'provider.request-ids');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^The provider at http:\/\/127\.0\.0\.1:\d+ answered GET \/v1\/account without a Request-Id header, so calls cannot be traced/,
    );
    // The item is a warning: it is shown, but it does not block going live.
    expect(blockingFailures(report)).toEqual([]);
    expect(formatPreflightLines(report)).toEqual([
      `! Every call to the payment provider is logged with its request id — ${result.summary}`,
    ]);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
