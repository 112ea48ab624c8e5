import { test as base, expect } from '@playwright/test';
import Stripe from 'stripe';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

export { expect };

/** Kissa on the sandbox (provider, referral platform, embedded shop on free ports), for one worker. */
export interface KissaUnderTest {
  sandbox: RunningSandbox<'embeddedShop'>;
  url: string;
  /** The official SDK on the sandbox provider, to look at (and do) what the shop did there. */
  stripe: Stripe;
  /** Calls the referral platform's secret API. */
  referral<T = any>(path: string): Promise<T>;
  /** Records a click for the partner, as the tracking snippet does; returns its id. */
  click(partner?: string): Promise<string>;
  /** Calls the shop's merchant API with its key (or `key`; null: none). */
  merchantApi(method: 'GET' | 'POST', path: string, key?: string | null): Promise<{ status: number; body: any }>;
}

export const test = base.extend<{}, { kissa: KissaUnderTest }>({
  kissa: [
    async ({}, use) => {
      const sandbox = await startSandbox({
        merchants: ['embeddedShop'],
        providerPort: 0,
        referralPort: 0,
        embeddedShopPort: 0,
        injection: null,
      });
      const { hostname, port } = new URL(sandbox.provider.url);
      const stripe = new Stripe(sandbox.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
      const referral = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(`${sandbox.referral.url}${path}`, {
          ...init,
          headers: {
            authorization: `Bearer ${init.method === 'POST' ? sandbox.referral.publishableKey : sandbox.referral.apiKey}`,
            'content-type': 'application/json',
          },
        });
        return response.json();
      };
      try {
        await use({
          sandbox,
          url: sandbox.embeddedShop.url,
          stripe,
          referral: (path) => referral(path),
          async click(partner = 'alice') {
            const click = await referral('/v1/clicks', {
              method: 'POST',
              body: JSON.stringify({ partner, landing_url: `${sandbox.embeddedShop.url}/?ref=${partner}` }),
            });
            return click.id as string;
          },
          async merchantApi(method, path, key = sandbox.embeddedShop.apiKey) {
            const response = await fetch(`${sandbox.embeddedShop.url}/api${path}`, {
              method,
              headers: key === null ? {} : { authorization: `Bearer ${key}` },
            });
            return { status: response.status, body: await response.json() };
          },
        });
      } finally {
        await sandbox.stop();
      }
    },
    { scope: 'worker' },
  ],
});

/**
 * Submits a Buy form as a browser would (the order token of one rendered form, the snippet's click cookie) and
 * returns where the shop sent it (its `Location`).
 */
export async function submitBuyForm(
  kissa: KissaUnderTest,
  form: { product: string; token: string; email: string; clickId?: string },
): Promise<string> {
  const response = await fetch(`${kissa.url}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(form.clickId ? { cookie: `referral_click_id=${form.clickId}` } : {}),
    },
    body: new URLSearchParams({ product: form.product, order_token: form.token, email: form.email }).toString(),
  });
  expect(response.status, 'the Buy form answers with a redirect').toBe(303);
  return response.headers.get('location') ?? '';
}

/** The order id of a checkout page's URL (`/checkout/ord_…`). */
export function orderIdOf(location: string): string {
  const id = /\/checkout\/(ord_[0-9a-f]+)$/.exec(location)?.[1];
  if (!id) throw new Error(`Expected the checkout page of an order, got "${location}".`);
  return id;
}
