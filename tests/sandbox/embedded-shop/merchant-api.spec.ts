import { randomUUID } from 'node:crypto';
import { test, expect, orderIdOf, submitBuyForm, type KissaUnderTest } from './kissaUnderTest';

/** An order for the matcha set, paid at the provider (as the Payment Element would), known paid to the shop. */
async function paidOrder(kissa: KissaUnderTest): Promise<{ id: string; paymentIntent: string }> {
  const orderId = orderIdOf(await submitBuyForm(kissa, { product: 'matcha-set', token: randomUUID(), email: 'refund@example.test' }));
  const { payment_intent: paymentIntent } = (await kissa.merchantApi('GET', `/orders/${orderId}`)).body;
  // Server-side, as the buyer's Stripe.js would: the intent accepts redirects, so Stripe wants a return_url (since 2023-08-16).
  await kissa.stripe.paymentIntents.confirm(paymentIntent, {
    payment_method: 'pm_card_visa',
    return_url: 'https://shop.example.test/return',
  });
  await expect
    .poll(async () => (await kissa.merchantApi('GET', `/orders/${orderId}`)).body.status, { message: 'the shop hears of the payment' })
    .toBe('paid');
  return { id: orderId, paymentIntent };
}

test.describe('the embedded shop merchant API', () => {
  test('refuses a refund without the API key or with a wrong one', async ({ kissa }) => {
    const order = await paidOrder(kissa);

    const without = await kissa.merchantApi('POST', `/orders/${order.id}/refund`, null);
    const wrong = await kissa.merchantApi('POST', `/orders/${order.id}/refund`, 'kissa_api_not_the_key');

    expect([without.status, wrong.status]).toEqual([401, 401]);
    expect(JSON.stringify([without.body, wrong.body])).not.toContain(kissa.sandbox.embeddedShop.apiKey);
    expect((await kissa.stripe.refunds.list({ payment_intent: order.paymentIntent })).data).toEqual([]);
  });

  test('refunds the rest after a partial refund at the provider, once however often it is asked', async ({ kissa }) => {
    const order = await paidOrder(kissa);
    await kissa.stripe.refunds.create({ payment_intent: order.paymentIntent, amount: 800 });

    const first = await kissa.merchantApi('POST', `/orders/${order.id}/refund`);
    const again = await kissa.merchantApi('POST', `/orders/${order.id}/refund`);

    expect(first).toMatchObject({
      status: 200,
      body: { status: 'refunded', amount_refunded: 3200, refund: { amount: 2400, status: 'succeeded' } },
    });
    expect(again).toMatchObject({ status: 200, body: { status: 'refunded', refund: null } });
    const refunds = (await kissa.stripe.refunds.list({ payment_intent: order.paymentIntent })).data.map((refund) => refund.amount).sort();
    expect(refunds).toEqual([2400, 800]);
  });

  test('refuses to refund an order that is not paid, or that does not exist', async ({ kissa }) => {
    const orderId = orderIdOf(await submitBuyForm(kissa, { product: 'sencha', token: randomUUID(), email: 'unpaid@example.test' }));

    const unpaid = await kissa.merchantApi('POST', `/orders/${orderId}/refund`);
    const unknown = await kissa.merchantApi('POST', '/orders/ord_0000000000000000/refund');

    expect([unpaid.status, unknown.status]).toEqual([409, 404]);
    expect(unknown.body).toEqual({ error: { type: 'invalid_request_error', message: 'No such order: ord_0000000000000000' } });
  });
});
