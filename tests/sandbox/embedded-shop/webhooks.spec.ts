import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { test, expect, orderIdOf, submitBuyForm, type KissaUnderTest } from './kissaUnderTest';

const signer = new Stripe('sk_test_signing_only');

/** Posts a body to the shop's webhook endpoint, signed with `secret` (none: unsigned). */
async function deliver(kissa: KissaUnderTest, event: object, secret?: string): Promise<number> {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers['stripe-signature'] = signer.webhooks.generateTestHeaderString({ payload, secret });
  return (await fetch(`${kissa.url}/webhooks/stripe`, { method: 'POST', headers, body: payload })).status;
}

/** The provider's injection plan (sandbox-only route), or off with null. */
async function injectWebhookFaults(kissa: KissaUnderTest, plan: object | null): Promise<void> {
  const response = await fetch(`${kissa.sandbox.provider.url}/_sandbox/fault_injection`, {
    method: plan ? 'PUT' : 'DELETE',
    headers: { authorization: `Bearer ${kissa.sandbox.provider.secretKey}`, ...(plan ? { 'content-type': 'application/json' } : {}) },
    ...(plan ? { body: JSON.stringify(plan) } : {}),
  });
  expect(response.ok, 'the provider takes the injection plan').toBe(true);
}

test.describe('the embedded shop webhook endpoint', () => {
  test('refuses an unsigned, a forged and an other-mode event, and acknowledges one it does not handle', async ({ kissa }) => {
    const event = {
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: 'balance.available',
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      data: { object: {} },
    };

    expect(await deliver(kissa, event)).toBe(400);
    expect(await deliver(kissa, event, 'whsec_not_the_shops_secret')).toBe(400);
    expect(await deliver(kissa, { ...event, livemode: true }, kissa.sandbox.embeddedShop.webhookSecret)).toBe(400);
    expect(await deliver(kissa, event, kissa.sandbox.embeddedShop.webhookSecret)).toBe(200);
  });

  test('fulfils once and reports the sale once when the provider delivers payment_intent.succeeded twice', async ({ kissa }) => {
    const clickId = await kissa.click('alice');
    const location = await submitBuyForm(kissa, { product: 'sencha', token: randomUUID(), email: 'twice@example.test', clickId });
    const orderId = orderIdOf(location);
    const order = (await kissa.merchantApi('GET', `/orders/${orderId}`)).body;
    const endpoint = (await kissa.stripe.webhookEndpoints.list({ limit: 100 })).data.find((e) => e.url === `${kissa.url}/webhooks/stripe`)!;

    await injectWebhookFaults(kissa, { webhooks: { endpoint: endpoint.id, duplicate: true } });
    try {
      await kissa.stripe.paymentIntents.confirm(order.payment_intent, {
        payment_method: 'pm_card_visa',
        return_url: 'https://shop.example.test/return',
      });
      const [event] = (await kissa.stripe.events.list({ type: 'payment_intent.succeeded', limit: 10 })).data.filter(
        (e) => (e.data.object as Stripe.PaymentIntent).id === order.payment_intent,
      );
      const attempts = async () => {
        const response = await fetch(`${kissa.sandbox.provider.url}/_sandbox/webhook_attempts?event=${event!.id}&endpoint=${endpoint.id}`, {
          headers: { authorization: `Bearer ${kissa.sandbox.provider.secretKey}` },
        });
        return ((await response.json()) as { data: Array<{ response_status: number }> }).data.map((attempt) => attempt.response_status);
      };
      await expect
        .poll(attempts, { message: 'the provider delivered the event twice, and the shop answered 200 both times' })
        .toEqual([200, 200]);
    } finally {
      await injectWebhookFaults(kissa, null);
    }

    const after = (await kissa.merchantApi('GET', `/orders/${orderId}`)).body;
    expect(after).toMatchObject({ status: 'paid', fulfilment_count: 1, referral_conversion: expect.stringMatching(/^conv_/) });
    const conversions = (await kissa.referral(`/v1/conversions?payment_intent=${order.payment_intent}`)).data;
    expect(conversions.map((c: { id: string }) => c.id)).toEqual([after.referral_conversion]);
    expect((await kissa.referral(`/v1/commissions?conversion=${after.referral_conversion}`)).data).toHaveLength(1);
  });
});
