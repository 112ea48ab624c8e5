import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { apiVersionEndpoints, apiVersionEvents } from '../../../../src/guards/preflight/checks/index';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* api-version-pinned: endpoints on another (or no) API version, and events in an old version, fail it. */

test("provider.api-version-endpoints fails for the merchant's endpoint on another API version, not for the referral platform's", async () => {
  const started = await startPreflightSandbox();
  try {
    const stripe = createProviderClient(started.environment.provider);
    const [shop, referral] = started.environment.requiredWebhookEndpoints;
    for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) await stripe.webhookEndpoints.del(endpoint.id);
    await stripe.webhookEndpoints.create({
      url: shop!.url,
      enabled_events: ['*'],
      api_version: '2024-06-20' as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    await stripe.webhookEndpoints.create({ url: referral!.url, enabled_events: ['*'] });

    const report = await preflightOn(started, { checks: [apiVersionEndpoints] });
    const result = resultOf(report, 'provider.api-version-endpoints');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^The merchant's endpoint we_\w+ \(http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe\) is on API version 2024-06-20, not [^:;]+: recreate it with API version /,
    );
    // Advice the operator can follow: an endpoint's version is chosen when it is created, so it is recreated.
    expect(result.summary).toContain(
      `(\`api_version: '${Stripe.API_VERSION}'\` in webhookEndpoints.create, or the version chosen when adding the endpoint in the Dashboard › Developers › Webhooks) and delete the old one`,
    );
    expect(result.summary, 'an endpoint behind the code is not met by moving the code back').not.toContain('upgrade the code');
    // The referral platform's endpoint is the platform's: shown, never the merchant's failure.
    expect(result.summary).not.toContain('referral platform');
    expect(result.details).toContainEqual(
      expect.stringMatching(
        /^The referral platform's endpoint we_\w+ \(.*\/v1\/provider\/webhooks\) has no API version, so it follows the account's default \(information only: the referral platform registered it and owns it, not the merchant\)\.$/,
      ),
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test("provider.api-version-endpoints passes when the merchant's endpoint is pinned, whatever the referral platform's version", async () => {
  const started = await startPreflightSandbox();
  try {
    const stripe = createProviderClient(started.environment.provider);
    const [shop, referral] = started.environment.requiredWebhookEndpoints;
    for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) await stripe.webhookEndpoints.del(endpoint.id);
    await stripe.webhookEndpoints.create({
      url: shop!.url,
      enabled_events: ['*'],
      api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    await stripe.webhookEndpoints.create({
      url: referral!.url,
      enabled_events: ['*'],
      api_version: '2024-06-20' as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });

    const result = resultOf(await preflightOn(started, { checks: [apiVersionEndpoints] }), 'provider.api-version-endpoints');
    expect(result.status).toBe('passed');
    expect(result.summary).toBe(`The merchant's webhook endpoint is pinned to API version ${Stripe.API_VERSION}.`);
    expect(result.details).toContainEqual(
      expect.stringMatching(/^The referral platform's endpoint we_\w+ .* is on API version 2024-06-20, not .* \(information only: /),
    );
  } finally {
    await started.stop();
  }
});

test('provider.api-version-events fails when the events are in an older API version (provider.legacy-api-version)', async () => {
  const started = await startPreflightSandbox({ faults: ['provider.legacy-api-version'] });
  try {
    const report = await preflightOn(started, { checks: [apiVersionEvents] });
    const result = resultOf(report, 'provider.api-version-events');
    expect(result.status).toBe('failed');
    // The account is behind the code: its default is set where it lives; on the offline sandbox, when it is started.
    expect(result.summary).toMatch(
      /^\d+ of the latest \d+ events at the provider are in API version 2024-06-20, not [^,]+, so the account's default API version is not the one the code pins: /,
    );
    expect(result.summary).toContain(
      `set the account's default API version to ${Stripe.API_VERSION}: restart the offline sandbox with \`npm run sandbox -- --api-version ${Stripe.API_VERSION}\` ` +
        `(or SANDBOX_API_VERSION=${Stripe.API_VERSION}), as Stripe's Dashboard (Developers › Workbench) does for a Stripe account.`,
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
