import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import type { CheckOutcome, PreflightContext } from '../../../../src/guards/preflight/index';
import { apiVersionEndpoints, apiVersionEvents } from '../../../../src/guards/preflight/checks/index';
import type { RequiredWebhookEndpoint, TargetEnvironment } from '../../../../src/model/target/contract';
import { demoTarget } from '../../../../targets/demo/target';

/*
 * api-version-pinned, the advice: at Stripe itself (no sandbox to restart), an account or endpoint ahead of the code is
 * met by upgrading the code, an account behind it by upgrading it in the Dashboard; the referral platform's endpoint is
 * never the merchant's failure.
 */

const PINNED = '2025-03-31.basil';
const MERCHANT: RequiredWebhookEndpoint = {
  name: 'the merchant',
  url: 'https://shop.example.com/webhooks/stripe',
  events: ['checkout.session.completed'],
};
const REFERRAL: RequiredWebhookEndpoint = {
  name: 'the referral platform',
  url: 'https://referral.example.com/v1/provider/webhooks',
  events: ['invoice.paid'],
};

/** A context at Stripe (api.stripe.com) with these endpoints and events; nothing is called over the network. */
function contextAtStripe(options: {
  required: RequiredWebhookEndpoint[];
  endpoints?: Array<Partial<Stripe.WebhookEndpoint>>;
  events?: Array<Partial<Stripe.Event>>;
}): PreflightContext {
  const environment = {
    merchant: { baseUrl: 'https://shop.example.com', webhook: { url: MERCHANT.url } },
    provider: { apiBase: 'https://api.stripe.com', secretKey: 'sk_test_notreal_000000', publishableKey: 'pk_test_notreal' },
    referral: { apiBase: 'https://referral.example.com', secretKey: 'sk_test_referral_000000', publishableKey: 'pk_test_referral' },
    requiredWebhookEndpoints: options.required,
    release: async () => {},
  } as TargetEnvironment;
  return {
    target: { ...demoTarget, goLive: { ...demoTarget.goLive, apiVersion: PINNED } },
    environment,
    webhookEndpoints: async () => (options.endpoints ?? []) as Stripe.WebhookEndpoint[],
    provider: { events: { list: async () => ({ data: options.events ?? [] }) } },
  } as unknown as PreflightContext;
}

function one(outcome: CheckOutcome | CheckOutcome[]): CheckOutcome {
  return Array.isArray(outcome) ? outcome[0]! : outcome;
}

test("events ahead of the code at Stripe: upgrade the code (a Stripe account's version is not moved back from here)", async () => {
  const outcome = one(
    await apiVersionEvents.run(
      contextAtStripe({ required: [], events: [{ id: 'evt_1', type: 'charge.succeeded', api_version: '2026-10-28.endive' }] }),
    ),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toBe(
    `1 of the latest 1 events at the provider are in API version 2026-10-28.endive, not ${PINNED}, so the account's default API version is not the one the code pins: ` +
      'upgrade the code to 2026-10-28.endive (the account is on a newer version than the code pins).',
  );
});

test("events behind the code at Stripe: upgrade the account's default in the Dashboard, no sandbox to restart", async () => {
  const outcome = one(
    await apiVersionEvents.run(
      contextAtStripe({ required: [], events: [{ id: 'evt_1', type: 'charge.succeeded', api_version: '2024-06-20' }] }),
    ),
  );
  expect(outcome.summary).toMatch(
    new RegExp(
      `: upgrade the account's default API version to ${PINNED.replace('.', '\\.')} in Stripe's Dashboard \\(Developers › Workbench\\)\\.$`,
    ),
  );
  expect(outcome.summary).not.toContain('npm run sandbox');
});

test("an endpoint ahead of the code may be met by upgrading the code; the referral platform's unpinned one is not judged", async () => {
  const outcome = one(
    await apiVersionEndpoints.run(
      contextAtStripe({
        required: [MERCHANT, REFERRAL],
        endpoints: [
          { id: 'we_shop', url: MERCHANT.url, api_version: '2026-10-28.endive' },
          { id: 'we_referral', url: REFERRAL.url, api_version: null },
        ],
      }),
    ),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toMatch(
    /^The merchant's endpoint we_shop \(https:\/\/shop\.example\.com\/webhooks\/stripe\) is on API version 2026-10-28\.endive, not 2025-03-31\.basil: recreate it with API version 2025-03-31\.basil /,
  );
  expect(outcome.summary).toMatch(/; or upgrade the code to 2026-10-28\.endive\.$/);
  expect(outcome.summary).not.toContain('we_referral');
});

test("with only the referral platform's endpoint required, there is nothing of the merchant's to judge: skipped, saying so", async () => {
  const outcome = one(
    await apiVersionEndpoints.run(
      contextAtStripe({ required: [REFERRAL], endpoints: [{ id: 'we_referral', url: REFERRAL.url, api_version: null }] }),
    ),
  );
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toBe(
    "The target names no webhook endpoint of the merchant's own (MERCHANT_WEBHOOK_URL), so there is no endpoint version to check (the referral platform's endpoint is the platform's, not the merchant's to pin).",
  );
});
