import { expect, freshOrderToken, orderFromApi, payWithoutReturning, submitCheckout, test, type ShopUnderTest } from './shopUnderTest';

async function pricingToken(shop: ShopUnderTest): Promise<string> {
  const page = await fetch(`${shop.url}/pricing`);
  expect(page.status).toBe(200);
  return /name="order_token" value="([^"]+)"/.exec(await page.text())![1]!;
}

function submitSubscribe(shop: ShopUnderTest, token: string, email = 'ada@example.test'): Promise<Response> {
  return fetch(`${shop.url}/subscribe`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ plan: 'club', order_token: token, email }).toString(),
  });
}

function sessionIdOf(location: string | null): string {
  const id = /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(location ?? '')?.[1];
  expect(id, `${location} is a hosted payment page`).toBeTruthy();
  return id!;
}

test.describe('demo shop duplicate submits', () => {
  test('sends a resubmitted paid order to its success page', async ({ shop }) => {
    const form = { token: await freshOrderToken(shop.url), email: 'ada@example.test' };
    const first = await submitCheckout(shop.url, form);
    const sessionId = sessionIdOf(first.headers.get('location'));
    const session = await shop.stripe.checkout.sessions.retrieve(sessionId);
    expect((await payWithoutReturning(session)).status).toBe(303);

    const again = await submitCheckout(shop.url, form);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/success?session_id=${sessionId}`);

    const orderId = session.metadata!.order_id!;
    const success = await (await fetch(`${shop.url}/success?session_id=${sessionId}`)).text();
    const reload = await (await fetch(`${shop.url}/success?session_id=${sessionId}`)).text();
    expect(success).toContain(orderId);
    expect(reload).toContain(orderId);
    expect((await orderFromApi(shop, orderId)).status).toBe('paid');
    expect((await shop.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);
    expect((await shop.stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.status === 'succeeded')).toHaveLength(1);
  });

  test('sends a resubmitted paid subscription to its success page', async ({ shop }) => {
    const token = await pricingToken(shop);
    const [first, double] = await Promise.all([submitSubscribe(shop, token), submitSubscribe(shop, token)]);
    const sessionId = sessionIdOf(first.headers.get('location'));
    expect(sessionIdOf(double.headers.get('location')), 'a double click goes to the same payment page').toBe(sessionId);
    const session = await shop.stripe.checkout.sessions.retrieve(sessionId);
    expect(session.mode).toBe('subscription');
    expect((await payWithoutReturning(session)).status).toBe(303);

    const again = await submitSubscribe(shop, token);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/success?session_id=${sessionId}`);

    const success = await fetch(`${shop.url}/success?session_id=${sessionId}`);
    const subscriptionId = /data-testid="subscription-id">(sub_[A-Za-z0-9_]+)</.exec(await success.text())?.[1];
    expect(subscriptionId).toBeTruthy();
    const reload = await (await fetch(`${shop.url}/success?session_id=${sessionId}`)).text();
    expect(reload).toContain(subscriptionId!);

    expect((await shop.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);
    expect((await shop.stripe.customers.list({ limit: 100 })).data).toHaveLength(1);
    expect((await shop.stripe.subscriptions.list({ limit: 100 })).data).toHaveLength(1);
  });

  test('creates a second session for a resubmit when the non-idempotent fault is on', async ({ shop }) => {
    shop.faults.enable('shop.non-idempotent-checkout');
    const form = { token: await freshOrderToken(shop.url), email: 'ada@example.test' };
    const first = await submitCheckout(shop.url, form);
    const second = await submitCheckout(shop.url, form);
    expect(sessionIdOf(second.headers.get('location'))).not.toBe(sessionIdOf(first.headers.get('location')));

    const token = await pricingToken(shop);
    const firstSubscribe = await submitSubscribe(shop, token);
    const secondSubscribe = await submitSubscribe(shop, token);
    expect(sessionIdOf(secondSubscribe.headers.get('location'))).not.toBe(sessionIdOf(firstSubscribe.headers.get('location')));

    expect((await shop.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(4);
  });

  test('sends a paid order resubmitted under the fault to a second payment page', async ({ shop }) => {
    shop.faults.enable('shop.non-idempotent-checkout');
    const form = { token: await freshOrderToken(shop.url), email: 'ada@example.test' };
    const first = await submitCheckout(shop.url, form);
    const session = await shop.stripe.checkout.sessions.retrieve(sessionIdOf(first.headers.get('location')));
    expect((await payWithoutReturning(session)).status).toBe(303);
    const again = await submitCheckout(shop.url, form);
    expect(sessionIdOf(again.headers.get('location')), 'the defect: a new payment page for a paid order').not.toBe(session.id);
  });
});
