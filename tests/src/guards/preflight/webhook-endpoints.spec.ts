import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { endpointsHttps, endpointsRegistered } from '../../../../src/guards/preflight/checks/index';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox, type PreflightSandbox } from './support/preflightSandbox';

/* webhook-endpoints-registered and webhook-endpoints-https, broken through the provider's API. */

/** The merchant's registered endpoint, for a test to change. */
async function merchantEndpoint(started: PreflightSandbox): Promise<{ stripe: Stripe; endpoint: Stripe.WebhookEndpoint }> {
  const stripe = createProviderClient(started.environment.provider);
  const url = started.environment.merchant.webhook!.url;
  const endpoint = (await stripe.webhookEndpoints.list({ limit: 100 })).data.find((candidate) => candidate.url === url);
  expect(endpoint, `the merchant's endpoint ${url}`).toBeDefined();
  return { stripe, endpoint: endpoint! };
}

test('webhooks.endpoints-registered fails when the merchant endpoint no longer receives charge.refunded', async () => {
  const started = await startPreflightSandbox();
  try {
    const { stripe, endpoint } = await merchantEndpoint(started);
    const kept = endpoint.enabled_events.filter(
      (event) => event !== 'charge.refunded',
    ) as Stripe.WebhookEndpointUpdateParams.EnabledEvent[];
    await stripe.webhookEndpoints.update(endpoint.id, { enabled_events: kept });

    const result = resultOf(await preflightOn(started, { checks: [endpointsRegistered] }), 'webhooks.endpoints-registered');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The merchant's webhook endpoint ${endpoint.url} (${endpoint.id}) is not subscribed to charge.refunded: add that event to it in the provider's dashboard (Developers › Webhooks).`,
    );
  } finally {
    await started.stop();
  }
});

test('webhooks.endpoints-registered fails, saying why, when a target selling plans has a merchant endpoint without customer.subscription.deleted', async () => {
  const started = await startPreflightSandbox();
  try {
    // The demo sells a plan: its merchant endpoint needs the subscription's invoices and its end, as well as the payment form's events.
    expect(started.environment.requiredWebhookEndpoints[0]?.events).toEqual([
      'checkout.session.completed',
      'charge.refunded',
      'invoice.paid',
      'customer.subscription.deleted',
    ]);
    const { stripe, endpoint } = await merchantEndpoint(started);
    const kept = endpoint.enabled_events.filter(
      (event) => event !== 'customer.subscription.deleted',
    ) as Stripe.WebhookEndpointUpdateParams.EnabledEvent[];
    await stripe.webhookEndpoints.update(endpoint.id, { enabled_events: kept });

    const result = resultOf(await preflightOn(started, { checks: [endpointsRegistered] }), 'webhooks.endpoints-registered');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The merchant's webhook endpoint ${endpoint.url} (${endpoint.id}) is not subscribed to customer.subscription.deleted ` +
        "(the target sells plans: a subscription's payments arrive as invoice.paid, its end as customer.subscription.deleted): " +
        "add that event to it in the provider's dashboard (Developers › Webhooks).",
    );
  } finally {
    await started.stop();
  }
});

test('webhooks.endpoints-registered fails when the merchant endpoint is disabled', async () => {
  const started = await startPreflightSandbox();
  try {
    const { stripe, endpoint } = await merchantEndpoint(started);
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });

    const result = resultOf(await preflightOn(started, { checks: [endpointsRegistered] }), 'webhooks.endpoints-registered');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The merchant's webhook endpoint ${endpoint.url} (${endpoint.id}) is disabled, so it receives nothing: enable it in the provider's dashboard (Developers › Webhooks).`,
    );
  } finally {
    await started.stop();
  }
});

test('webhooks.endpoints-registered fails when the merchant endpoint is deleted', async () => {
  const started = await startPreflightSandbox();
  try {
    const { stripe, endpoint } = await merchantEndpoint(started);
    await stripe.webhookEndpoints.del(endpoint.id);

    const report = await preflightOn(started, { checks: [endpointsRegistered] });
    const result = resultOf(report, 'webhooks.endpoints-registered');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The merchant's webhook endpoint ${endpoint.url} is not registered at the provider: add it in the provider's dashboard (Developers › Webhooks) with the events checkout.session.completed, charge.refunded, invoice.paid, customer.subscription.deleted.`,
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('webhooks.endpoints-https fails in live mode for an enabled http:// endpoint that is not on this machine', async () => {
  const live = await startPreflightSandbox({ mode: 'live' });
  try {
    const stripe = createProviderClient(live.environment.provider);
    await stripe.webhookEndpoints.create({
      url: 'http://shop.example.com/webhooks/stripe',
      enabled_events: ['checkout.session.completed'],
    });

    const report = await preflightOn(live, { checks: [endpointsHttps] });
    const result = resultOf(report, 'webhooks.endpoints-https');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      "The live webhook endpoint http://shop.example.com/webhooks/stripe uses plain HTTP: serve it over HTTPS and update the URL in the provider's dashboard (Developers › Webhooks).",
    );
    // The sandbox's own loopback endpoints stay exempt: the provider is on loopback too.
    expect(result.details.filter((line) => line.includes('exempt because the provider is a local sandbox'))).toHaveLength(2);
    expectNoSecretIn(report, live);
  } finally {
    await live.stop();
  }
});
