import Stripe from 'stripe';
import { test as base, expect } from '@playwright/test';
import { FaultSwitches } from '../../../sandbox/faults';
import { startProvider, type RunningProvider } from '../../../sandbox/provider';
import { startReferral, type RunningReferral } from '../../../sandbox/referral';
import { payHostedCheckout } from '../support/payHostedCheckout';

const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

const test = base.extend<{ world: { provider: RunningProvider; referral: RunningReferral; stripe: Stripe } }>({
  world: async ({}, use) => {
    const provider = await startProvider({ port: 0, webhookRetry: FAST });
    const referral = await startReferral({
      port: 0,
      providerUrl: provider.url,
      providerSecretKey: provider.secretKey,
      faults: new FaultSwitches(),
      webhookRetry: FAST,
    });
    const { port } = new URL(provider.url);
    const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(port), protocol: 'http' });
    await use({ provider, referral, stripe });
    await referral.close();
    await provider.close();
  },
});

async function referralGet<T = any>(referral: RunningReferral, path: string): Promise<T> {
  const response = await fetch(`${referral.url}${path}`, { headers: { authorization: `Bearer ${referral.apiKey}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

test.describe('referral platform with the sandbox provider', () => {
  test('registers its webhook endpoint at the provider', async ({ world }) => {
    const endpoints = await world.stripe.webhookEndpoints.list();
    expect(endpoints.data.map((e) => [e.url, [...e.enabled_events].sort()])).toEqual([
      [
        `${world.referral.url}/v1/provider/webhooks`,
        ['charge.refunded', 'checkout.session.completed', 'customer.subscription.deleted', 'invoice.paid'],
      ],
    ]);
  });

  test('commissions a paid checkout and scales it on a partial refund', async ({ world }) => {
    const { referral, stripe, provider } = world;
    const clickResponse = await fetch(`${referral.url}/v1/clicks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${referral.publishableKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'alice', landing_url: 'http://127.0.0.1:4242/?via=alice' }),
    });
    const click = (await clickResponse.json()) as { id: string };

    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2000, product_data: { name: 'Rehearsal T-shirt' } } }],
      success_url: 'http://127.0.0.1:4242/success?session_id={CHECKOUT_SESSION_ID}',
      client_reference_id: click.id,
      metadata: { referral_click_id: click.id, order_id: 'ord_provider_test' },
    });
    const paid = await payHostedCheckout(provider.url, session.id);
    expect(paid.status).toBe(303);

    await expect
      .poll(async () => (await referralGet(referral, '/v1/commissions?metadata[order_id]=ord_provider_test')).data.length)
      .toBe(1);
    const [commission] = (await referralGet(referral, '/v1/commissions?metadata[order_id]=ord_provider_test')).data;
    expect(commission).toMatchObject({ status: 'pending', amount: 400, sale_amount: 2000, partner: 'ptn_alice' });
    const [conversion] = (await referralGet(referral, `/v1/conversions?source_id=${session.id}`)).data;
    expect(conversion).toMatchObject({ click: click.id, customer_email: 'buyer@example.test', amount: 2000 });

    const completed = await stripe.checkout.sessions.retrieve(session.id);
    await stripe.refunds.create({ payment_intent: completed.payment_intent as string, amount: 500 });

    await expect.poll(async () => (await referralGet(referral, `/v1/commissions/${commission.id}`)).amount).toBe(300);
    expect(await referralGet(referral, `/v1/commissions/${commission.id}`)).toMatchObject({ status: 'pending', refunded_sale_amount: 500 });
  });
});
