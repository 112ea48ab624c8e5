import { test, expect, type Platform } from './support/fixtures';
import { chargeRefunded, deliverProviderEvent } from './support/providerEvents';

/** What the embedded shop's server sends once a payment intent succeeded. */
function reportedSale(clickId: string, paymentIntent: string, amount = 1500) {
  return {
    click: clickId,
    payment_intent: paymentIntent,
    amount,
    currency: 'jpy',
    customer_email: 'buyer@example.test',
    metadata: { order_id: 'ord_0001' },
  };
}

async function report(platform: Platform, body: unknown, idempotencyKey?: string) {
  const response = await fetch(`${platform.url}/v1/conversions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${platform.apiKey}`,
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as any };
}

test.describe('referral platform: the conversions API', () => {
  test('records a reported JPY sale with a 20 % commission and announces both', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', {
      url: receiver.url,
      enabled_events: ['conversion.created', 'commission.created'],
    });
    const click = (await platform.click('alice')).body;

    const created = await report(platform, reportedSale(click.id, 'pi_reported_0001'));

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'conversion',
      click: click.id,
      partner: 'ptn_alice',
      program: 'prog_demo',
      source: { type: 'payment_intent', id: 'pi_reported_0001' },
      payment_intent: 'pi_reported_0001',
      customer_email: 'buyer@example.test',
      amount: 1500,
      currency: 'jpy',
      provider_event: null,
      livemode: false,
      metadata: { order_id: 'ord_0001' },
    });
    const [commission] = (await platform.api('GET', `/v1/commissions?conversion=${created.body.id}`)).body.data;
    expect(commission).toMatchObject({ status: 'pending', amount: 300, sale_amount: 1500, currency: 'jpy' });
    await expect
      .poll(() => receiver.received.map((r) => JSON.parse(r.body).type).sort())
      .toEqual(['commission.created', 'conversion.created']);
  });

  test('keeps one conversion per payment intent: a second report answers 200 with the first', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;

    const first = await report(platform, reportedSale(click.id, 'pi_reported_0002'));
    const second = await report(platform, reportedSale(click.id, 'pi_reported_0002'));

    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    expect((await platform.api('GET', '/v1/commissions')).body.data).toHaveLength(1);
  });

  test('replays the first answer for a repeated Idempotency-Key', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;

    const first = await report(platform, reportedSale(click.id, 'pi_reported_0003'), 'sale-pi_reported_0003');
    const replay = await report(platform, reportedSale(click.id, 'pi_reported_0003'), 'sale-pi_reported_0003');
    const misuse = await report(platform, reportedSale(click.id, 'pi_reported_0004'), 'sale-pi_reported_0003');

    expect([first.status, replay.status, replay.replayed]).toEqual([201, 201, 'true']);
    expect(replay.body.id).toBe(first.body.id);
    expect(misuse).toMatchObject({ status: 400, body: { error: { code: 'idempotency_error' } } });
  });

  test('refuses an unknown click, a bad amount and a missing secret key', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;

    const unknownClick = await report(platform, reportedSale('clk_nobody', 'pi_reported_0005'));
    const badAmount = await report(platform, reportedSale(click.id, 'pi_reported_0005', 15.5));
    const withPublishableKey = await platform.api(
      'POST',
      '/v1/conversions',
      reportedSale(click.id, 'pi_reported_0005'),
      platform.publishableKey,
    );

    expect(unknownClick).toMatchObject({ status: 400, body: { error: { code: 'click_not_found', param: 'click' } } });
    expect(badAmount).toMatchObject({ status: 400, body: { error: { code: 'parameter_invalid', param: 'amount' } } });
    expect(withPublishableKey.status).toBe(401);
    expect((await platform.api('GET', '/v1/conversions')).body.data).toEqual([]);
  });

  test('lists the conversions of one payment intent', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    await report(platform, reportedSale(click.id, 'pi_reported_0006'));
    await report(platform, reportedSale(click.id, 'pi_reported_0007'));

    const listed = (await platform.api('GET', '/v1/conversions?payment_intent=pi_reported_0007')).body.data;

    expect(listed.map((c: { payment_intent: string }) => c.payment_intent)).toEqual(['pi_reported_0007']);
  });

  test('scales the commission on a partial refund and reverses it on the rest', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const conversion = (await report(platform, reportedSale(click.id, 'pi_reported_0008'))).body;
    const [{ id: commissionId }] = (await platform.api('GET', `/v1/commissions?conversion=${conversion.id}`)).body.data;
    const secret = platform.provider.webhookSecret;

    await deliverProviderEvent(
      platform.url,
      chargeRefunded({ paymentIntent: 'pi_reported_0008', amount: 1500, amountRefunded: 500 }),
      secret,
    );
    const afterPartial = (await platform.api('GET', `/v1/commissions/${commissionId}`)).body;
    await deliverProviderEvent(
      platform.url,
      chargeRefunded({ paymentIntent: 'pi_reported_0008', amount: 1500, amountRefunded: 1500 }),
      secret,
    );
    const afterFull = (await platform.api('GET', `/v1/commissions/${commissionId}`)).body;

    expect(afterPartial).toMatchObject({ status: 'pending', amount: 200, original_amount: 300, refunded_sale_amount: 500 });
    expect(afterFull).toMatchObject({ status: 'refunded', amount: 0, refunded_sale_amount: 1500 });
  });
});
