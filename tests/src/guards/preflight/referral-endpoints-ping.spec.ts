import { expect, test } from '@playwright/test';
import { createReferralEndpointsPing, referralEndpointsPing } from '../../../../src/guards/preflight/checks/referralEndpointsPing';
import { runPreflight, type CheckOutcome } from '../../../../src/guards/preflight/index';
import { ReferralClient } from '../../../../src/run/referral/referralClient';
import type { ReferralDelivery } from '../../../../contracts/referral';
import { FaultSwitches, startSandbox } from '../../../../sandbox/index';
import { FakeReferralPlatform, fakePreflightContext, referralEndpoint, type PingAnswer } from './support/fakePreflightContext';
import { preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';
import paymentOnlyDemo from '../../../support/targets/payment-only-demo/target';

/* webhook-endpoints-reachable, the live half: a test ping through the referral platform to each merchant endpoint. */

const QUICK = createReferralEndpointsPing({ deadlineMs: 1_500, intervalMs: 20 });

async function pingWith(
  platform: FakeReferralPlatform,
  options: { withPing?: boolean; referralApiBase?: string } = {},
): Promise<CheckOutcome> {
  const context = fakePreflightContext({
    providerApiBase: 'https://api.stripe.com',
    referralApiBase: options.referralApiBase ?? 'https://api.referral.example',
    referral: platform.platform({ withPing: options.withPing ?? true }),
  });
  const outcome = await QUICK.run(context);
  expect(Array.isArray(outcome)).toBe(false);
  return outcome as CheckOutcome;
}

function platformWith(answers: Record<string, PingAnswer>): FakeReferralPlatform {
  return new FakeReferralPlatform(
    [
      referralEndpoint('rwe_shop', 'https://shop.example.com/webhooks/referral'),
      referralEndpoint('rwe_crm', 'https://crm.example.com/hooks'),
      referralEndpoint('rwe_sink', 'http://127.0.0.1:4480/referral', { harness: true }),
      referralEndpoint('rwe_off', 'https://old.example.com/hooks', { status: 'disabled' }),
    ],
    answers,
  );
}

test("every merchant endpoint answers its ping with 2xx: passed, the delivery log's entries as evidence, the harness's own endpoint not pinged", async () => {
  const platform = platformWith({ rwe_crm: { status: 204 } });
  const outcome = await pingWith(platform);
  expect(outcome.status, outcome.summary).toBe('passed');
  expect(outcome.summary).toBe(
    "The referral platform's test ping reached all 2 of the merchant's endpoints with a 2xx answer (https://shop.example.com/webhooks/referral, https://crm.example.com/hooks).",
  );
  expect(platform.pinged.sort()).toEqual(['rwe_crm', 'rwe_shop']);
  expect(platform.deliveryReads, 'the check waited for the attempts to show in the log').toBeGreaterThan(2);
  const pings = (outcome.evidence as { pings: Array<{ delivery: ReferralDelivery | null }> }).pings;
  expect(pings.map((ping) => ping.delivery?.response_status).sort()).toEqual([200, 204]);
  expect(outcome.details).toContain('Endpoint rwe_crm (https://crm.example.com/hooks) answered the ping msg_ping_2 with 204 in 12 ms.');
});

test('an endpoint that answers 503 fails the check, naming it and its status', async () => {
  const outcome = await pingWith(platformWith({ rwe_shop: { status: 503, body: 'Service Unavailable' } }));
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toBe(
    'The test ping through the referral platform to https://shop.example.com/webhooks/referral got 503 ("Service Unavailable"): ' +
      'make the endpoint answer 2xx to every signed message the platform sends, a ping included (the details say how).',
  );
  expect(outcome.details!.some((line) => line.startsWith('To fix'))).toBe(false);
});

test('an endpoint the platform cannot reach fails with the error and how to fix it (a tunnel, a staging host)', async () => {
  const platform = new FakeReferralPlatform([referralEndpoint('rwe_laptop', 'http://192.168.1.20:4000/webhooks/referral')], {
    rwe_laptop: { error: 'connect ETIMEDOUT 192.168.1.20:4000' },
  });
  const outcome = await pingWith(platform);
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toBe(
    'The test ping through the referral platform to http://192.168.1.20:4000/webhooks/referral got no answer (connect ETIMEDOUT 192.168.1.20:4000): ' +
      'register a URL the platform can reach (a tunnel such as ngrok or cloudflared, or a staging host) and make it answer 2xx (the details say how).',
  );
  expect(outcome.details).toContain(
    'Endpoint rwe_laptop (http://192.168.1.20:4000/webhooks/referral): the ping got no answer (connect ETIMEDOUT 192.168.1.20:4000); it is a private network address (192.168.0.0/16).',
  );
  const fixes = outcome.details!.filter((line) => line.startsWith('To fix'));
  expect(fixes).toHaveLength(2);
  expect(fixes.join('\n')).not.toContain('stripe listen');
});

test('several failing endpoints: counted, the first named', async () => {
  const outcome = await pingWith(platformWith({ rwe_shop: { status: 500 }, rwe_crm: { error: 'connect ECONNREFUSED' } }));
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toMatch(
    /^2 of the merchant's 2 endpoints at the referral platform failed the test ping \(first: https:\/\/shop\.example\.com\/webhooks\/referral got 500\): register a URL/,
  );
});

test('a ping that never shows in the delivery log fails at the deadline, saying so', async () => {
  const outcome = await pingWith(
    new FakeReferralPlatform([referralEndpoint('rwe_shop', 'https://shop.example.com/hook')], { rwe_shop: 'never logged' }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toContain(
    "https://shop.example.com/hook left no attempt in the platform's delivery log within 1.5 s (message msg_ping_1)",
  );
});

test("no merchant endpoint at the referral platform (only the harness's): skipped, nothing pinged", async () => {
  const platform = new FakeReferralPlatform([referralEndpoint('rwe_sink', 'http://127.0.0.1:4480/referral', { harness: true })]);
  const outcome = await pingWith(platform);
  expect(outcome).toMatchObject({
    status: 'skipped',
    summary:
      "The merchant has no webhook endpoint at the referral platform: nothing to ping (the referral events' delivery to the merchant is then not rehearsed).",
  });
  expect(platform.pinged).toEqual([]);
});

test('a platform adapter without a ping API: skipped, saying so', async () => {
  const outcome = await pingWith(platformWith({}), { withPing: false });
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toBe(
    "The referral platform's client has no ping API (pingWebhookEndpoint), so no test ping was sent to the merchant's 2 endpoints: send one from the platform's dashboard, or add pingWebhookEndpoint to the target's referral platform adapter.",
  );
});

test('a payment-only merchant: the ping does not run, "not in this rehearsal", and the item is decided by the static check', async () => {
  const environment = {
    merchant: { baseUrl: 'https://shop.example.com', webhook: { url: 'https://shop.example.com/webhooks/stripe' } },
    provider: { apiBase: 'https://api.stripe.invalid', secretKey: 'sk_test_notreal_000000', publishableKey: 'pk_test_notreal' },
    requiredWebhookEndpoints: [],
    release: async () => {},
  };
  const report = await runPreflight({
    target: paymentOnlyDemo,
    environment,
    mode: 'test',
    runId: 'preflight-payment-only-ping',
    checks: [referralEndpointsPing],
  });
  expect(report.results).toEqual([
    expect.objectContaining({
      check: 'referral.endpoints-ping',
      item: 'webhook-endpoints-reachable',
      status: 'skipped',
      summary: 'Not checked: not in this rehearsal: this merchant runs no referral programme (capabilities.referralProgramme: false).',
    }),
  ]);
  expect(report.outOfScope?.[0]?.items ?? []).not.toContain('webhook-endpoints-reachable');
});

/*
 * Against the real sandbox: needs its ping route (POST /v1/webhook_endpoints/:id/ping) and the demo shop's own endpoint
 * at its referral platform (/webhooks/referral, registered as the shop starts), and the fault switch
 * shop.referral-webhook-fails (sandbox/faults.ts).
 */
test('on the sandbox the demo shop answers the ping; with shop.referral-webhook-fails it answers 503 and the check fails', async () => {
  const healthy = await startPreflightSandbox();
  try {
    const result = resultOf(await preflightOn(healthy, { checks: [referralEndpointsPing] }), 'referral.endpoints-ping');
    expect(result.status, result.summary).toBe('passed');
    expect(result.summary).toMatch(
      /^The referral platform's test ping reached the merchant's endpoint http:\/\/127\.0\.0\.1:\d+\/webhooks\/referral, which answered 2\d\d\.$/,
    );
  } finally {
    await healthy.stop();
  }
  const broken = await startPreflightSandbox({ faults: ['shop.referral-webhook-fails'] });
  try {
    const result = resultOf(await preflightOn(broken, { checks: [referralEndpointsPing] }), 'referral.endpoints-ping');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^The test ping through the referral platform to http:\/\/127\.0\.0\.1:\d+\/webhooks\/referral got 503/);
    const pings = (result.evidence as { pings: Array<{ delivery: ReferralDelivery | null }> }).pings;
    expect(pings[0]?.delivery).toMatchObject({ trigger: 'ping', response_status: 503, attempt: 1 });
  } finally {
    await broken.stop();
  }
});

test('on the sandbox playing cloud, a merchant endpoint it cannot reach fails the ping as unreachable, with the fixes', async () => {
  const sandbox = await startSandbox({
    mode: 'test',
    providerPort: 0,
    shopPort: 0,
    referralPort: 0,
    faults: new FaultSwitches([]),
    cloud: { reachable: [] },
  });
  try {
    const client = new ReferralClient({ apiBase: sandbox.referral.url, secretKey: sandbox.referral.apiKey });
    // Port 9 (discard) on this machine: not the shop's, so not reachable from the "internet".
    await client.createWebhookEndpoint({ url: 'http://127.0.0.1:9/webhooks/referral', enabled_events: ['conversion.created'] });
    const context = fakePreflightContext({
      providerApiBase: 'https://api.stripe.com',
      referralApiBase: sandbox.referral.url,
      referral: client,
    });
    const outcome = (await referralEndpointsPing.run(context)) as CheckOutcome;
    expect(outcome.status).toBe('failed');
    expect(outcome.details!.join('\n')).toMatch(
      /Endpoint rwe_[\w-]+ \(http:\/\/127\.0\.0\.1:9\/webhooks\/referral\): the ping got no answer \(unreachable: /,
    );
    expect(outcome.details!.filter((line) => line.startsWith('To fix'))).toHaveLength(2);
    expect(outcome.details!.join('\n')).toMatch(/Endpoint rwe_[\w-]+ \(http:\/\/127\.0\.0\.1:\d+\/webhooks\/referral\) answered the ping/);
  } finally {
    await sandbox.stop();
  }
});
