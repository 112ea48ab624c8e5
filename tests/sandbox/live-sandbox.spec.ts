import { randomInt } from 'node:crypto';
import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';

/*
 * The whole sandbox in live mode (`startSandbox({ mode: 'live' })`): live key pairs for the provider and the
 * referral platform, the shop's snippet carrying the live publishable key, the shop's test-clock hook refused,
 * and conversions made from live provider events marked `livemode: true`.
 */

function madeUpCardNumber(): string {
  const body = `49${Array.from({ length: 13 }, () => randomInt(10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

let sandbox: RunningSandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox({ mode: 'live', providerPort: 0, referralPort: 0, shopPort: 0 });
});
test.afterAll(async () => {
  await sandbox?.stop();
});

test.describe('the sandbox in live mode', () => {
  test("the shop's snippet carries the live publishable key in live mode", async () => {
    expect(sandbox.mode).toBe('live');
    expect(sandbox.provider.secretKey).toBe('sk_live_sandbox_51DressRehearsal0000'); // sandbox key
    expect(sandbox.provider.publishableKey).toBe('pk_live_sandbox_51DressRehearsal0000');
    expect(sandbox.referral.apiKey).toBe('sk_live_referral_sandbox_0000'); // sandbox key
    expect(sandbox.referral.publishableKey).toBe('pk_live_referral_sandbox_0000');

    for (const path of ['/', '/products/tshirt', '/pricing']) {
      const html = await (await fetch(`${sandbox.shop.url}${path}`)).text();
      const merchant = /<script\b[^>]*\bdata-merchant="([^"]+)"/.exec(html)?.[1];
      expect(merchant, `the snippet's key on ${path}`).toBe(sandbox.referral.publishableKey);
    }
    const clockHook = await fetch(`${sandbox.shop.url}/pricing?test_clock=clock_1Anything`);
    expect(clockHook.status, 'the test-clock hook with live keys').toBe(400);
  });

  test('a referred purchase in live mode makes a livemode conversion', async () => {
    const click = await fetch(`${sandbox.referral.url}/v1/clicks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.referral.publishableKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'alice', landing_url: `${sandbox.shop.url}/?via=alice` }),
    });
    expect(click.status).toBe(200);
    const clickId = ((await click.json()) as { id: string }).id;

    const product = await (await fetch(`${sandbox.shop.url}/products/tshirt`)).text();
    const token = /name="order_token" value="([^"]+)"/.exec(product)?.[1] ?? '';
    const checkout = await fetch(`${sandbox.shop.url}/checkout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `referral_click_id=${clickId}` },
      body: new URLSearchParams({ product: 'tshirt', order_token: token, email: 'live-buyer@example.test' }).toString(),
    });
    expect(checkout.status).toBe(303);
    const payPage = checkout.headers.get('location') ?? '';
    expect(payPage).toMatch(/\/c\/pay\/cs_live_/);
    expect(await (await fetch(payPage)).text()).not.toContain('TEST MODE');

    const paid = await fetch(payPage, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: 'live-buyer@example.test',
        cardNumber: madeUpCardNumber(),
        cardExpiry: '12 / 39',
        cardCvc: '123',
        billingName: 'Live Buyer',
        billingCountry: 'US',
        billingPostalCode: '94103',
      }).toString(),
    });
    expect(paid.status).toBe(303);

    const sessionId = /cs_live_[A-Za-z0-9]+/.exec(payPage)?.[0] ?? '';
    const { hostname, port } = new URL(sandbox.provider.url);
    const stripe = new Stripe(sandbox.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
    expect(await stripe.checkout.sessions.retrieve(sessionId)).toMatchObject({ livemode: true, payment_status: 'paid' });

    await expect
      .poll(
        async () => {
          const res = await fetch(`${sandbox.referral.url}/v1/conversions?click=${clickId}`, {
            headers: { authorization: `Bearer ${sandbox.referral.apiKey}` },
          });
          return ((await res.json()) as { data: { livemode: boolean; amount: number }[] }).data;
        },
        { message: 'the conversion of the live purchase', timeout: 10_000 },
      )
      .toEqual([expect.objectContaining({ livemode: true, amount: 2000 })]);
  });
});
