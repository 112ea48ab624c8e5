import { expect, test } from '@playwright/test';
import { endpointsReachable } from '../../../../src/guards/preflight/checks/index';
import type { CheckOutcome } from '../../../../src/guards/preflight/index';
import { FakeReferralPlatform, fakePreflightContext, providerEndpoint, referralEndpoint } from './support/fakePreflightContext';
import { preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* webhook-endpoints-reachable, the static half: no endpoint on loopback or a private address when its sender is not. */

const STRIPE = 'https://api.stripe.com';

async function run(context: Parameters<typeof endpointsReachable.run>[0]): Promise<CheckOutcome> {
  const outcome = await endpointsReachable.run(context);
  expect(Array.isArray(outcome)).toBe(false);
  return outcome as CheckOutcome;
}

test('a laptop endpoint registered at real Stripe fails, naming it and why, with the CLI forwarding, a tunnel and a staging host as fixes', async () => {
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: STRIPE,
      providerEndpoints: [
        providerEndpoint('we_laptop', 'http://127.0.0.1:4242/webhooks/stripe'),
        providerEndpoint('we_public', 'https://shop.example.com/webhooks/stripe'),
      ],
      referral: new FakeReferralPlatform([]).platform(),
    }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toBe(
    "The provider at api.stripe.com cannot reach http://127.0.0.1:4242/webhooks/stripe: it is this machine's loopback address; register a URL the sender can reach, " +
      "through the Stripe CLI's forwarding (test mode), a tunnel such as ngrok or cloudflared, or a staging host (the details say how).",
  );
  expect(outcome.details).toContain(
    "Endpoint we_laptop: the provider at api.stripe.com cannot reach http://127.0.0.1:4242/webhooks/stripe: it is this machine's loopback address.",
  );
  expect(outcome.details).toContain(
    'Endpoint we_public at the provider (https://shop.example.com/webhooks/stripe) is at a public address.',
  );
  const fixes = outcome.details!.filter((line) => line.startsWith('To fix'));
  expect(fixes).toHaveLength(3);
  expect(fixes[0]).toContain('`stripe listen --forward-to http://127.0.0.1:4242/webhooks/stripe`');
  expect(fixes[0]).toContain('it prints a webhook signing secret, whsec_…, for the shop while it runs');
  expect(fixes[0], 'the CLI is named for development, not as a rehearsal fix').toContain('for a rehearsal, prefer the next two');
  expect(fixes[1]).toContain('tunnel to the shop (ngrok, cloudflared)');
  expect(fixes[2]).toContain('staging host the internet reaches');
});

test('in live mode the check runs too, without the CLI forwarding (a test-mode tool) among the fixes', async () => {
  const outcome = await run(
    fakePreflightContext({
      mode: 'live',
      providerApiBase: STRIPE,
      providerEndpoints: [providerEndpoint('we_lan', 'https://192.168.1.20/webhooks/stripe')],
      referral: new FakeReferralPlatform([]).platform(),
    }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toContain('cannot reach https://192.168.1.20/webhooks/stripe: it is a private network address (192.168.0.0/16)');
  expect(outcome.summary).toContain('through a tunnel such as ngrok or cloudflared, or a staging host');
  expect(outcome.details!.join('\n')).not.toContain('stripe listen');
});

test("the merchant's endpoints at a referral platform in the cloud are judged too; the harness's own and disabled ones are not", async () => {
  const referral = new FakeReferralPlatform([
    referralEndpoint('rwe_shop', 'http://shop.local:8080/webhooks/referral'),
    referralEndpoint('rwe_sink', 'http://127.0.0.1:4480/referral', { harness: true }),
    referralEndpoint('rwe_old', 'http://127.0.0.1:9/old', { status: 'disabled' }),
  ]);
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: STRIPE,
      providerEndpoints: [providerEndpoint('we_public', 'https://shop.example.com/webhooks/stripe')],
      referralApiBase: 'https://api.referral.example',
      referral: referral.platform(),
    }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toMatch(
    /^The referral platform at api\.referral\.example cannot reach http:\/\/shop\.local:8080\/webhooks\/referral: it is a \.local name/,
  );
  const text = outcome.details!.join('\n');
  expect(text).not.toContain('rwe_sink');
  expect(text).not.toContain('rwe_old');
  expect(text).not.toContain('stripe listen'); // the CLI forwards the provider's events only
  expect(outcome.details!.filter((line) => line.startsWith('To fix'))).toHaveLength(2);
});

test('several unreachable endpoints: the summary names the first and counts the rest', async () => {
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: STRIPE,
      providerEndpoints: [providerEndpoint('we_a', 'http://localhost:3000/a'), providerEndpoint('we_b', 'http://10.0.0.7/b')],
      referralApiBase: 'https://api.referral.example',
      referral: new FakeReferralPlatform([referralEndpoint('rwe_c', 'http://[fd00::5]/c')]).platform(),
    }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toContain('http://localhost:3000/a');
  expect(outcome.summary).toContain('(and 2 more endpoints, listed below)');
  expect(outcome.summary).toContain("the Stripe CLI's forwarding (test mode)");
  expect(outcome.details!.filter((line) => line.includes('cannot reach'))).toHaveLength(3);
});

test('a sender on loopback (the offline sandbox) reaches loopback endpoints: passed, saying why', async () => {
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: 'http://127.0.0.1:12111',
      providerEndpoints: [providerEndpoint('we_shop', 'http://127.0.0.1:4000/webhooks/stripe')],
      referralApiBase: 'http://127.0.0.1:4300',
      referral: new FakeReferralPlatform([referralEndpoint('rwe_shop', 'http://127.0.0.1:4000/webhooks/referral')]).platform(),
    }),
  );
  expect(outcome.status).toBe('passed');
  expect(outcome.summary).toBe(
    'Every enabled webhook endpoint can be reached by what sends to it (1 at the provider, 1 at the referral platform), 2 of them on loopback or a private address, ' +
      'exempt because the provider (http://127.0.0.1:12111) and the referral platform (http://127.0.0.1:4300) are themselves on loopback (a local sandbox).',
  );
});

test("a sender on a private network reaches private endpoints but not this machine's loopback", async () => {
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: 'http://10.0.0.2:12111',
      providerEndpoints: [
        providerEndpoint('we_lan', 'http://10.0.0.9/webhooks/stripe'),
        providerEndpoint('we_here', 'http://127.0.0.1:4000/webhooks/stripe'),
      ],
      referral: new FakeReferralPlatform([]).platform(),
    }),
  );
  expect(outcome.status).toBe('failed');
  expect(outcome.summary).toMatch(
    /^The provider at 10\.0\.0\.2:12111 cannot reach http:\/\/127\.0\.0\.1:4000\/webhooks\/stripe: it is this machine's loopback address; /,
  );
  expect(outcome.details).toContain(
    'Endpoint we_lan at the provider (http://10.0.0.9/webhooks/stripe) is not public (it is a private network address (10.0.0.0/8)), exempt because the provider can reach it: it is itself on a private network.',
  );
});

test('a payment-only merchant: only the provider is judged, the referral platform is never asked', async () => {
  const outcome = await run(
    fakePreflightContext({
      paymentOnly: true,
      providerApiBase: STRIPE,
      providerEndpoints: [providerEndpoint('we_public', 'https://shop.example.com/webhooks/stripe')],
    }),
  );
  expect(outcome.status).toBe('passed');
  expect(outcome.summary).toBe('Every enabled webhook endpoint can be reached by what sends to it (1 at the provider).');
});

test('no enabled endpoint anywhere: skipped, pointing at the endpoints item', async () => {
  const outcome = await run(
    fakePreflightContext({
      providerApiBase: STRIPE,
      providerEndpoints: [providerEndpoint('we_off', 'http://127.0.0.1:4242/x', 'disabled')],
      referral: new FakeReferralPlatform([]).platform(),
    }),
  );
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toBe(
    'Neither the provider nor the referral platform has an enabled webhook endpoint, so there is no URL to check (see the webhook endpoints item).',
  );
});

test('on the offline sandbox every endpoint is on loopback like its sender: passed in test and live mode', async () => {
  for (const mode of ['test', 'live'] as const) {
    const started = await startPreflightSandbox({ mode });
    try {
      const result = resultOf(await preflightOn(started, { checks: [endpointsReachable] }), 'webhooks.endpoints-reachable');
      expect(result.status, result.summary).toBe('passed');
      expect(result.summary).toMatch(
        /exempt because the provider \(http:\/\/127\.0\.0\.1:\d+\) and the referral platform \(http:\/\/127\.0\.0\.1:\d+\) are themselves on loopback \(a local sandbox\)\.$/,
      );
    } finally {
      await started.stop();
    }
  }
});
