import { createServer, type AddressInfo, type Server } from 'node:net';
import { test, expect } from '@playwright/test';
import { FaultSwitches, SandboxStartError, startSandbox } from '../../sandbox/index';

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
});
