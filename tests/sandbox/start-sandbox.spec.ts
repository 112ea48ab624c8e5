import { createServer, type AddressInfo, type Server } from 'node:net';
import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import {
  FaultSwitches,
  ReferralPlatformChoiceError,
  referralPlatformFromEnv,
  SandboxStartError,
  startSandbox,
  type SandboxReferralPlatform,
} from '../../sandbox/index';

async function listenOn(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test.describe('startSandbox', () => {
  test('starts all three services on loopback and stops them all', async () => {
    const faults = new FaultSwitches(['referral.skip-refund-reversal']);
    const sandbox = await startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0, faults });
    const urls = [sandbox.provider.url, sandbox.referral.url, sandbox.shop.url];
    try {
      expect(sandbox.faults).toBe(faults);
      expect(sandbox.shop.adminKey).toBe('shop_admin_sandbox_0000');
      for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${sandbox.provider.url}/_sandbox/health`)).ok).toBe(true);
      expect((await fetch(`${sandbox.referral.url}/_sandbox/health`)).ok).toBe(true);
      expect((await fetch(sandbox.shop.url)).ok).toBe(true);
    } finally {
      await sandbox.stop();
    }
    for (const url of urls) {
      await expect(fetch(url), `${url} is closed`).rejects.toThrow();
    }
  });

  test('stops the services already started when a later port is taken', async () => {
    const probe = await listenOn(0);
    const providerPort = (probe.address() as AddressInfo).port;
    await close(probe);
    const blocker = await listenOn(0);
    const shopPort = (blocker.address() as AddressInfo).port;
    try {
      const failure = await startSandbox({ providerPort, referralPort: 0, shopPort }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SandboxStartError);
      expect(failure).toMatchObject({ service: 'shop', port: shopPort, portInUse: true });
      // The provider started first; it must have been stopped, so its port is free again.
      await close(await listenOn(providerPort));
    } finally {
      await close(blocker);
    }
  });

  for (const platform of ['rewardful', 'dub'] as const satisfies readonly SandboxReferralPlatform[]) {
    test(`runs ${platform} as its referral platform, connected to the provider as its Stripe integration`, async () => {
      const sandbox = await startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0, injection: null, referralPlatform: platform });
      try {
        expect(sandbox.referral.platform).toBe(platform);
        expect(sandbox.referral.providerWebhook.url.startsWith(`${sandbox.referral.url}/`)).toBe(true);
        const { hostname, port } = new URL(sandbox.provider.url);
        const stripe = new Stripe(sandbox.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
        const endpoints = (await stripe.webhookEndpoints.list({ limit: 100 })).data;
        const integration = endpoints.find((endpoint) => endpoint.url === sandbox.referral.providerWebhook.url);
        expect(integration?.enabled_events.sort()).toEqual([...sandbox.referral.providerWebhook.events].sort());
      } finally {
        await sandbox.stop();
      }
    });
  }

  test('reads the referral platform from SANDBOX_REFERRAL_PLATFORM; a name of no platform is a one-line error', () => {
    expect(referralPlatformFromEnv({})).toBe('dress-rehearsal');
    expect(referralPlatformFromEnv({ SANDBOX_REFERRAL_PLATFORM: ' Rewardful ' })).toBe('rewardful');
    expect(referralPlatformFromEnv({ SANDBOX_REFERRAL_PLATFORM: 'dub' })).toBe('dub');
    expect(() => referralPlatformFromEnv({ SANDBOX_REFERRAL_PLATFORM: 'firstpromoter' })).toThrow(ReferralPlatformChoiceError);
    expect(() => referralPlatformFromEnv({ SANDBOX_REFERRAL_PLATFORM: 'firstpromoter' })).toThrow(
      'SANDBOX_REFERRAL_PLATFORM=firstpromoter is not a referral platform the sandbox runs: use dress-rehearsal, rewardful, dub (empty: dress-rehearsal).',
    );
  });
});
