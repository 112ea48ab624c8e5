import { expect, REFERRAL_PUBLISHABLE_KEY, test } from './shopUnderTest';

const PAGES = ['/', '/products/tshirt', '/products/tenugui', '/pricing'];

async function htmlOf(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, `GET ${url}`).toBe(200);
  return response.text();
}

/** The snippet's `data-merchant` key on a page. */
function snippetKey(html: string): string | undefined {
  return /<script src="[^"]*\/snippet\.js" data-merchant="([^"]*)"/.exec(html)?.[1];
}

test.describe('demo shop pages a customer loads', () => {
  test('hold no secret key; with shop.secret-key-in-page the product pages inline the provider secret key', async ({ shop }) => {
    for (const path of PAGES) {
      const html = await htmlOf(`${shop.url}${path}`);
      // Booleans only: a failing assertion must not print a page that holds the key.
      expect(html.includes(shop.providerSecretKey), `${path} holds the provider secret key`).toBe(false);
      expect(/\b(sk|rk)_(test|live)_|whsec_/.test(html), `${path} holds something shaped like a secret`).toBe(false);
    }
    expect(await htmlOf(`${shop.url}/products/tshirt`)).toContain(
      'window.shopConfig = {"product":"tshirt","currency":"usd","unitAmount":2000}',
    );

    shop.faults.enable('shop.secret-key-in-page');
    for (const path of ['/products/tshirt', '/products/tenugui']) {
      const html = await htmlOf(`${shop.url}${path}`);
      expect(html.includes(`"stripeKey":"${shop.providerSecretKey}"`), `${path} inlines the secret key in window.shopConfig`).toBe(true);
    }
  });

  test('carry the configured referral key in the snippet; with shop.snippet-wrong-mode-key a test shop carries the live key', async ({
    shop,
  }) => {
    expect(snippetKey(await htmlOf(`${shop.url}/`))).toBe(REFERRAL_PUBLISHABLE_KEY);

    shop.faults.enable('shop.snippet-wrong-mode-key');
    for (const path of PAGES) expect(snippetKey(await htmlOf(`${shop.url}${path}`)), path).toBe('pk_live_referral_sandbox_0000');
  });
});
