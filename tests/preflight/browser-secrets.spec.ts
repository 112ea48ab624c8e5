import { expect, test } from '@playwright/test';
import { browserNoSecretKeys } from '../../src/preflight/checks/index';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* secret-keys-not-in-browser: browser.no-secret-keys finds the provider secret key the product page inlines. */

test('browser.no-secret-keys fails naming the page and resource holding the provider secret key, masked (shop.secret-key-in-page)', async ({ browser }) => {
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
      expect(result.details).toContain(`${page}: the provider secret key (${masked}) in document ${started.sandbox.shop.url}${page}?order=${orderIn(result.details, page)}.`);
    }
    expect(result.details).toContainEqual(expect.stringMatching(/^\/: \d+ responses scanned, no secret found\.$/));
    expect(result.details).toContainEqual(expect.stringMatching(/^\/pricing: \d+ responses scanned, no secret found\.$/));
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

/** The order token the shop put in a product page's URL (it redirects each fresh visit to one). */
function orderIn(details: string[], page: string): string {
  const line = details.find((detail) => detail.startsWith(`${page}:`)) ?? '';
  return /\?order=([0-9a-f-]+)/.exec(line)?.[1] ?? 'missing';
}
