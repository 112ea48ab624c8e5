import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { test as base, expect } from '@playwright/test';
import { FaultSwitches } from '../../../sandbox/faults';
import { startProvider, type RunningProvider } from '../../../sandbox/provider';
import { startReferral, type RunningReferral } from '../../../sandbox/referral';
import { payHostedCheckout } from '../support/payHostedCheckout';

const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

interface World {
  provider: RunningProvider;
  referral: RunningReferral;
  stripe: Stripe;
  /** Shared by provider and platform, as in startSandbox. */
  faults: FaultSwitches;
}

const test = base.extend<{ world: World }>({
  world: async ({}, use) => {
    const faults = new FaultSwitches();
    const provider = await startProvider({ port: 0, webhookRetry: FAST, faults });
    try {
      const referral = await startReferral({
        port: 0,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        faults,
        webhookRetry: FAST,
      });
      try {
        const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(new URL(provider.url).port), protocol: 'http' });
        await use({ provider, referral, stripe, faults });
      } finally {
        await referral.close();
      }
    } finally {
      await provider.close();
    }
  },
});

interface Commission {
  amount: number;
  sale_amount: number;
  currency: string;
  rule: { type: string; percentage?: number };
}

async function referralGet<T>(referral: RunningReferral, path: string): Promise<T> {
  const response = await fetch(`${referral.url}${path}`, { headers: { authorization: `Bearer ${referral.apiKey}` } });
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** One sale through alice's link, paid on the provider's hosted page; resolves with its commission. */
async function referredSale(world: World, sale: { currency: string; unitAmount: number }): Promise<Commission> {
  const { referral, stripe, provider } = world;
  const clickResponse = await fetch(`${referral.url}/v1/clicks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${referral.publishableKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ partner: 'alice', landing_url: 'http://127.0.0.1:4242/?via=alice' }),
  });
  const click = (await clickResponse.json()) as { id: string };
  const orderId = `ord_${randomUUID().slice(0, 8)}`;
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      { quantity: 1, price_data: { currency: sale.currency, unit_amount: sale.unitAmount, product_data: { name: 'Rehearsal item' } } },
    ],
    success_url: 'http://127.0.0.1:4242/success?session_id={CHECKOUT_SESSION_ID}',
    client_reference_id: click.id,
    metadata: { referral_click_id: click.id, order_id: orderId },
  });
  const paid = await payHostedCheckout(provider.url, session.id, { country: 'JP', postalCode: '100-0001' });
  expect(paid.status, 'the hosted page accepts the payment').toBe(303);
  const path = `/v1/commissions?metadata[order_id]=${orderId}`;
  await expect.poll(async () => (await referralGet<{ data: Commission[] }>(referral, path)).data.length).toBe(1);
  return (await referralGet<{ data: Commission[] }>(referral, path)).data[0]!;
}

test.describe('referral platform go-live defects', () => {
  test('registers its provider endpoint pinned to the SDK API version', async ({ world }) => {
    const [endpoint] = (await world.stripe.webhookEndpoints.list()).data;
    expect(endpoint).toMatchObject({ url: `${world.referral.url}/v1/provider/webhooks`, api_version: Stripe.API_VERSION });
  });

  test('pays 300 on a 1500 jpy sale (yen have no cents); with referral.zero-decimal-as-cents it records 15 and pays 3', async ({
    world,
  }) => {
    expect(await referredSale(world, { currency: 'jpy', unitAmount: 1500 })).toMatchObject({
      amount: 300,
      sale_amount: 1500,
      currency: 'jpy',
    });

    world.faults.enable('referral.zero-decimal-as-cents');
    expect(await referredSale(world, { currency: 'jpy', unitAmount: 1500 })).toMatchObject({ amount: 3, sale_amount: 15, currency: 'jpy' });
    expect(await referredSale(world, { currency: 'usd', unitAmount: 2000 }), 'a usd sale is not touched').toMatchObject({
      amount: 400,
      sale_amount: 2000,
    });
  });

  test('prog_demo pays the agreed 20 %; with referral.wrong-commission-rate it reads and pays 10 %', async ({ world }) => {
    const program = () => referralGet<{ rule: Commission['rule'] }>(world.referral, '/v1/programs/prog_demo');
    expect((await program()).rule).toEqual({ type: 'percentage', percentage: 20 });
    expect(await referredSale(world, { currency: 'usd', unitAmount: 2000 })).toMatchObject({ amount: 400, rule: { percentage: 20 } });

    world.faults.enable('referral.wrong-commission-rate');
    expect((await program()).rule).toEqual({ type: 'percentage', percentage: 10 });
    const listed = await referralGet<{ data: Array<{ id: string; rule: Commission['rule'] }> }>(world.referral, '/v1/programs');
    expect(listed.data.find((p) => p.id === 'prog_demo')?.rule.percentage).toBe(10);
    expect(await referredSale(world, { currency: 'usd', unitAmount: 2000 })).toMatchObject({ amount: 200, rule: { percentage: 10 } });
  });
});
