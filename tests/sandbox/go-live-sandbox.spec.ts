import Stripe from 'stripe';
import { test, expect } from '@playwright/test';
import { REFERRAL_PROVIDER_EVENT_TYPES, SHOP_WEBHOOK_EVENTS, startSandbox, type RunningSandbox } from '../../sandbox/index';
import { balanceAvailable, postWebhook } from './shop/webhookPosts';

function sdkFor(sandbox: RunningSandbox): Stripe {
  return new Stripe(sandbox.provider.secretKey, { host: '127.0.0.1', port: Number(new URL(sandbox.provider.url).port), protocol: 'http' });
}

async function withSandbox(run: (sandbox: RunningSandbox) => Promise<void>, options: { mode?: 'test' | 'live' } = {}): Promise<void> {
  const sandbox = await startSandbox({ ...options, providerPort: 0, referralPort: 0, shopPort: 0 });
  try {
    await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

function snippetKey(html: string): string | undefined {
  return /data-merchant="([^"]*)"/.exec(html)?.[1];
}

/** Buys one product at the shop through alice's referral link, paying on the hosted page; resolves with the commission. */
async function referredPurchase(
  sandbox: RunningSandbox,
  product: string,
): Promise<{ amount: number; sale_amount: number; currency: string }> {
  const click = await fetch(`${sandbox.referral.url}/v1/clicks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.referral.publishableKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ partner: 'alice', landing_url: `${sandbox.shop.url}/products/${product}?via=alice` }),
  });
  const clickId = ((await click.json()) as { id: string }).id;
  const page = await (await fetch(`${sandbox.shop.url}/products/${product}`)).text();
  const token = /name="order_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const checkout = await fetch(`${sandbox.shop.url}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `referral_click_id=${clickId}` },
    body: new URLSearchParams({ product, order_token: token, email: 'ada@example.test' }).toString(),
  });
  expect(checkout.status, 'the shop sends the customer to the payment page').toBe(303);
  const paymentPage = checkout.headers.get('location')!;
  const sessionId = /\/c\/pay\/(cs_\w+)/.exec(paymentPage)?.[1];
  const paid = await fetch(paymentPage, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'ada@example.test',
      cardNumber: '4242424242424242',
      cardExpiry: '12 / 34',
      cardCvc: '123',
      billingName: 'Ada',
      billingCountry: 'JP',
      billingPostalCode: '100-0001',
    }),
  });
  expect(paid.status, 'the provider accepts the payment').toBe(303);
  const commissions = async () => {
    const response = await fetch(`${sandbox.referral.url}/v1/commissions?partner=ptn_alice&limit=100`, {
      headers: { authorization: `Bearer ${sandbox.referral.apiKey}` },
    });
    const { data } = (await response.json()) as {
      data: Array<{ amount: number; sale_amount: number; currency: string; conversion: string }>;
    };
    const conversions = await fetch(`${sandbox.referral.url}/v1/conversions?source_id=${sessionId}`, {
      headers: { authorization: `Bearer ${sandbox.referral.apiKey}` },
    });
    const [conversion] = ((await conversions.json()) as { data: Array<{ id: string }> }).data;
    return data.filter((commission) => commission.conversion === conversion?.id);
  };
  await expect.poll(async () => (await commissions()).length, { message: 'the purchase is commissioned' }).toBe(1);
  return (await commissions())[0]!;
}

test.describe('the sandbox for the go-live preflight', () => {
  test("exposes the shop's webhook signing secret; the shop and the platform register their endpoints pinned to the SDK API version", async () => {
    await withSandbox(async (sandbox) => {
      expect(/^whsec_\S{16,}$/.test(sandbox.shop.webhookSecret), 'shop.webhookSecret is a whsec_ secret').toBe(true);
      expect((await postWebhook(sandbox.shop.url, balanceAvailable(), { secret: sandbox.shop.webhookSecret })).status).toBe(200);

      const endpoints = (await sdkFor(sandbox).webhookEndpoints.list()).data.map((endpoint) => ({
        url: endpoint.url,
        api_version: endpoint.api_version,
        events: [...endpoint.enabled_events].sort(),
      }));
      expect(endpoints).toEqual(
        expect.arrayContaining([
          { url: `${sandbox.shop.url}/webhooks/stripe`, api_version: Stripe.API_VERSION, events: [...SHOP_WEBHOOK_EVENTS].sort() },
          {
            url: `${sandbox.referral.url}/v1/provider/webhooks`,
            api_version: Stripe.API_VERSION,
            events: [...REFERRAL_PROVIDER_EVENT_TYPES].sort(),
          },
        ]),
      );
      expect(endpoints).toHaveLength(2);
    });
  });

  test("the referral platform's POST /_sandbox/faults switches the provider's and the shop's faults too", async () => {
    await withSandbox(async (sandbox) => {
      const flip = (body: { enable?: string[]; disable?: string[] }) =>
        fetch(`${sandbox.referral.url}/_sandbox/faults`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sandbox.referral.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const account = () =>
        fetch(`${sandbox.provider.url}/v1/account`, { headers: { authorization: `Bearer ${sandbox.provider.secretKey}` } });
      expect((await account()).headers.get('request-id')).toMatch(/^req_/);

      expect((await flip({ enable: ['provider.no-request-id', 'shop.snippet-wrong-mode-key'] })).status).toBe(200);
      expect((await account()).headers.get('request-id')).toBeNull();
      expect(snippetKey(await (await fetch(sandbox.shop.url)).text())).toBe('pk_live_referral_sandbox_0000');

      expect((await flip({ disable: ['provider.no-request-id', 'shop.snippet-wrong-mode-key'] })).status).toBe(200);
      expect((await account()).headers.get('request-id')).toMatch(/^req_/);
      expect(snippetKey(await (await fetch(sandbox.shop.url)).text())).toBe(sandbox.referral.publishableKey);
    });
  });

  test('stops promptly while the shop holds back a webhook answer (shop.slow-webhook-response)', async () => {
    const sandbox = await startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0 });
    let stopped = false;
    try {
      sandbox.faults.enable('shop.slow-webhook-response');
      const answer = postWebhook(sandbox.shop.url, balanceAvailable(), { secret: sandbox.shop.webhookSecret }).then(
        (response) => `answered ${response.status}`,
        () => 'connection closed',
      );
      const early = await Promise.race([answer, new Promise<string>((resolve) => setTimeout(resolve, 1_000, 'still waiting'))]);
      expect(early, 'no answer within 1 s').toBe('still waiting');

      const started = Date.now();
      await sandbox.stop();
      stopped = true;
      expect(Date.now() - started, 'stop() does not wait for the slow answer').toBeLessThan(3_000);
      expect(await answer).toMatch(/answered 200|connection closed/);
    } finally {
      if (!stopped) await sandbox.stop();
    }
  });

  test("a tenugui bought through alice's link earns 300 (20 % of ¥1,500); with referral.zero-decimal-as-cents it earns 3", async () => {
    await withSandbox(async (sandbox) => {
      expect(await referredPurchase(sandbox, 'tenugui')).toMatchObject({ amount: 300, sale_amount: 1500, currency: 'jpy' });
      sandbox.faults.enable('referral.zero-decimal-as-cents');
      expect(await referredPurchase(sandbox, 'tenugui')).toMatchObject({ amount: 3, sale_amount: 15, currency: 'jpy' });
    });
  });

  test('a live shop refuses test-mode events; with shop.snippet-wrong-mode-key its snippet carries the test referral key', async () => {
    await withSandbox(
      async (sandbox) => {
        const signing = { secret: sandbox.shop.webhookSecret };
        expect((await postWebhook(sandbox.shop.url, balanceAvailable({ livemode: true }), signing)).status).toBe(200);
        expect((await postWebhook(sandbox.shop.url, balanceAvailable({ livemode: false }), signing)).status).toBe(400);

        expect(snippetKey(await (await fetch(sandbox.shop.url)).text())).toBe('pk_live_referral_sandbox_0000');
        sandbox.faults.enable('shop.snippet-wrong-mode-key');
        expect(snippetKey(await (await fetch(sandbox.shop.url)).text())).toBe('pk_test_referral_sandbox_0000');
      },
      { mode: 'live' },
    );
  });
});
