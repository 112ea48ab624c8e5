import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { apiVersionEndpoints, apiVersionEvents } from '../../src/preflight/checks/index';
import { createProviderClient } from '../../src/provider/providerClient';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* api-version-pinned: endpoints on another (or no) API version, and events in an old version, fail it. */

test('provider.api-version-endpoints fails for an endpoint on another API version and one with none', async () => {
  const started = await startPreflightSandbox();
  try {
    const stripe = createProviderClient(started.environment.provider);
    const [shop, referral] = started.environment.requiredWebhookEndpoints;
    for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) await stripe.webhookEndpoints.del(endpoint.id);
    await stripe.webhookEndpoints.create({ url: shop!.url, enabled_events: ['*'], api_version: '2024-06-20' as Stripe.WebhookEndpointCreateParams.ApiVersion });
    await stripe.webhookEndpoints.create({ url: referral!.url, enabled_events: ['*'] });

    const report = await preflightOn(started, { checks: [apiVersionEndpoints] });
    const result = resultOf(report, 'provider.api-version-endpoints');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^The merchant's endpoint we_\w+ \(http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe\) is on API version 2024-06-20; /);
    expect(result.summary).toMatch(/the referral platform's endpoint we_\w+ \(.*\/v1\/provider\/webhooks\) has no API version, so it follows the account's default: recreate them .* with API version /);
    expectNoSecretIn(report, started);
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
    expect(result.summary).toMatch(/^\d+ of the latest \d+ events at the provider are in API version 2024-06-20, not .*: set the account's API version/);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
