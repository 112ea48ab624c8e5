import { expect, test } from '@playwright/test';
import { findSecrets } from '../../../../src/guards/preflight/findSecrets';
import { maskSecret } from '../../../../src/guards/preflight/maskSecret';

/* What the browser scan counts as a secret in a page or script body, and how it shows one. */

const KNOWN = [
  { label: "the merchant's admin key", value: 'shop_admin_sandbox_0000' },
  { label: 'the provider secret key', value: 'sk_test_sandbox_51DressRehearsal0000' },
];

test('finds configured values and secret-shaped strings, each once, masked', () => {
  const body = [
    'window.shopConfig = { key: "sk_test_sandbox_51DressRehearsal0000", admin: "shop_admin_sandbox_0000" };',
    'var restricted = "rk_live_51AbCdEfGhIjKlMnOp";',
    'var hook = "whsec_c2VjcmV0c2VjcmV0c2VjcmV0";',
    'var again = "sk_test_sandbox_51DressRehearsal0000";',
  ].join('\n');
  expect(findSecrets(body, KNOWN)).toEqual([
    { label: "the merchant's admin key", masked: 'a 23-character value' },
    { label: 'the provider secret key', masked: 'sk_test…0000' },
    { label: 'a secret API key', masked: 'rk_live…MnOp' },
    { label: 'a webhook signing secret', masked: 'whsec…cmV0' },
  ]);
});

test('ignores publishable keys, prose about key prefixes and masked keys', () => {
  const body = 'data-merchant="pk_live_referral_sandbox_0000"; use sk_live_… keys on the server only; sk_live_****1234; whsec_…';
  expect(findSecrets(body, KNOWN)).toEqual([]);
});

test('a masked secret matches no secret pattern', () => {
  for (const secret of ['sk_live_51AbCdEfGhIjKlMnOpQrSt', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0', 'rk_test_abcdefghijklmnop']) {
    expect(maskSecret(secret)).not.toMatch(/(?:sk|rk)_(?:test|live)_|whsec_/);
  }
});
