import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserNoSecretKeys } from '../../../../src/guards/preflight/checks/index';
import { runPreflight } from '../../../../src/guards/preflight/index';
import { failedResourceName } from '../../../../src/guards/preflight/pageResources';
import type { TargetEnvironment } from '../../../../src/model/target/contract';
import { demoTarget } from '../../../../targets/demo/target';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* secret-keys-not-in-browser: browser.no-secret-keys finds the provider secret key the product page inlines. */

test('browser.no-secret-keys fails naming the page and resource holding the provider secret key, masked (shop.secret-key-in-page)', async ({
  browser,
}) => {
  const started = await startPreflightSandbox({ faults: ['shop.secret-key-in-page'] });
  try {
    const report = await preflightOn(started, { checks: [browserNoSecretKeys], browser });
    const result = resultOf(report, 'browser.no-secret-keys');
    expect(result.status).toBe('failed');
    const masked = `sk_test…${started.sandbox.provider.secretKey.slice(-4)}`;
    expect(result.summary).toBe(
      `The customer page /products/tshirt exposes the provider secret key (${masked}) in its HTML (1 more in the details): ` +
        'remove it from everything the browser loads, keep secret keys on the server, and roll the exposed key.',
    );
    // Both product pages inline it; the landing and pricing pages do not.
    for (const slug of ['tshirt', 'tenugui']) {
      const page = `/products/${slug}`;
      expect(result.details).toContain(
        `${page}: the provider secret key (${masked}) in document ${started.sandbox.shop.url}${page}?order=${orderIn(result.details, page)}.`,
      );
    }
    expect(result.details).toContainEqual(expect.stringMatching(/^\/: \d+ scanned; no secret found\.$/));
    expect(result.details).toContainEqual(expect.stringMatching(/^\/pricing: \d+ scanned; no secret found\.$/));
    expect(result.summary).not.toContain(started.sandbox.provider.secretKey);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('browser.no-secret-keys is skipped, saying why, when no browser is given', async () => {
  const started = await startPreflightSandbox();
  try {
    const result = resultOf(await preflightOn(started, { checks: [browserNoSecretKeys] }), 'browser.no-secret-keys');
    expect(result.status).toBe('skipped');
    expect(result.summary).toMatch(/^No browser was available, so the customer pages were not scanned/);
  } finally {
    await started.stop();
  }
});

test('browser.no-secret-keys says which resources failed to load, by host or by path, instead of a bare count', async ({ browser }) => {
  // A page whose own script answers 404 and whose third-party script is unreachable (nothing listens on port 1).
  const site = await serve((path) =>
    path === '/'
      ? {
          status: 200,
          type: 'text/html',
          body: '<!doctype html><title>Shop</title><script src="/assets/app.js"></script><script src="http://127.0.0.1:1/v3/"></script><p>Hello</p>',
        }
      : { status: 404, type: 'text/plain', body: 'not found' },
  );
  try {
    const environment: TargetEnvironment = {
      merchant: { baseUrl: site.url },
      provider: { apiBase: 'http://127.0.0.1:9', secretKey: 'sk_test_notreal_00000000', publishableKey: 'pk_test_notreal' },
      referral: { apiBase: 'http://127.0.0.1:9', secretKey: 'sk_test_referral_notreal_0000', publishableKey: 'pk_test_referral_notreal' },
      requiredWebhookEndpoints: [],
      release: async () => {},
    };
    const target = { ...demoTarget, goLive: { ...demoTarget.goLive, customerPages: ['/'] } };
    const report = await runPreflight({
      target,
      environment,
      mode: 'test',
      runId: 'page-scan-failures',
      browser,
      checks: [browserNoSecretKeys],
    });
    const result = resultOf(report, 'browser.no-secret-keys');
    expect(result.status, 'no secret in what did load').toBe('passed');
    expect(result.details).toEqual(['/: 2 scanned, 2 failed: /assets/app.js (404), 127.0.0.1:1; no secret found.']);
    expect(result.summary).toBe(
      'No secret key appears in the 1 customer pages or the scripts and data they load (not scanned, as they failed to load: /assets/app.js (404), 127.0.0.1:1).',
    );
  } finally {
    await site.close();
  }
});

test("a failed resource is named by its host when it is another site's, by its path when it is the merchant's own", () => {
  const page = 'http://127.0.0.1:4242/products/tshirt';
  expect(failedResourceName({ url: 'https://js.stripe.com/v3/', type: 'script', error: 'net::ERR_NAME_NOT_RESOLVED' }, page)).toBe(
    'js.stripe.com',
  );
  expect(failedResourceName({ url: 'http://127.0.0.1:4242/assets/app.js?v=3', type: 'script', status: 500 }, page)).toBe(
    '/assets/app.js (500)',
  );
});

/** A tiny site answering every path with what `answer` says; `url` is its base. */
async function serve(
  answer: (path: string) => { status: number; type: string; body: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const { status, type, body } = answer(new URL(request.url ?? '/', 'http://x').pathname);
    response.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The order token the shop put in a product page's URL (it redirects each fresh visit to one). */
function orderIn(details: string[], page: string): string {
  const line = details.find((detail) => detail.startsWith(`${page}:`)) ?? '';
  return /\?order=([0-9a-f-]+)/.exec(line)?.[1] ?? 'missing';
}
