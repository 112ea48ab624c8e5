import { FaultSwitches } from '../../../sandbox/faults';
import { test, expect, type Platform } from './support/fixtures';
import { chargeRefunded, checkoutCompleted, deliverProviderEvent } from './support/providerEvents';

/** A paid, attributed 20.00 USD checkout; returns its payment intent and commission id. */
async function attributedSale(platform: Platform): Promise<{ paymentIntent: string; commissionId: string }> {
  const click = (await platform.click('alice')).body;
  const event = checkoutCompleted({ clickId: click.id, amountTotal: 2000 });
  await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
  const [commission] = (await platform.api('GET', '/v1/commissions')).body.data;
  return { paymentIntent: event.data.object.payment_intent as string, commissionId: commission.id };
}

test.describe('referral platform: refunds', () => {
  test('reverses the commission on a full refund', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['commission.refunded'] });
    const sale = await attributedSale(platform);

    await deliverProviderEvent(
      platform.url,
      chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 2000 }),
      platform.provider.webhookSecret,
    );

    const commission = (await platform.api('GET', `/v1/commissions/${sale.commissionId}`)).body;
    expect(commission).toMatchObject({ status: 'refunded', amount: 0, original_amount: 400, refunded_sale_amount: 2000 });
    await expect.poll(() => receiver.received.length).toBe(1);
    const message = JSON.parse(receiver.received[0]!.body);
    expect(message).toMatchObject({
      type: 'commission.refunded',
      data: { id: sale.commissionId, status: 'refunded', amount: 0, previous_status: 'pending', refund_amount: 2000 },
    });
  });

  test('scales the commission on a partial refund', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['commission.refunded'] });
    const sale = await attributedSale(platform);
    const secret = platform.provider.webhookSecret;

    await deliverProviderEvent(platform.url, chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 500 }), secret);
    const afterFirst = (await platform.api('GET', `/v1/commissions/${sale.commissionId}`)).body;
    expect(afterFirst).toMatchObject({ status: 'pending', amount: 300, original_amount: 400, refunded_sale_amount: 500 });

    await deliverProviderEvent(platform.url, chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 1999 }), secret);
    const afterSecond = (await platform.api('GET', `/v1/commissions/${sale.commissionId}`)).body;
    expect(afterSecond).toMatchObject({ status: 'pending', amount: 0, refunded_sale_amount: 1999 });

    await expect.poll(() => receiver.received.length).toBe(2);
    const refundAmounts = receiver.received.map((r) => JSON.parse(r.body).data.refund_amount).sort((a, b) => a - b);
    expect(refundAmounts).toEqual([500, 1499]);
  });

  test('does not reverse when the skip-refund-reversal fault is on', async ({ lab }) => {
    const faults = new FaultSwitches();
    const platform = await lab.start({ faults });
    const sale = await attributedSale(platform);
    // Switched on after the sale: the fault is read when the refund event arrives.
    faults.enable('referral.skip-refund-reversal');

    const answer = await deliverProviderEvent(
      platform.url,
      chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 2000 }),
      platform.provider.webhookSecret,
    );

    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toContain('referral.skip-refund-reversal');
    const commission = (await platform.api('GET', `/v1/commissions/${sale.commissionId}`)).body;
    expect(commission).toMatchObject({ status: 'pending', amount: 400 });
  });

  test('switches the fault through the sandbox route', async ({ lab }) => {
    const platform = await lab.start();
    const on = await platform.api('POST', '/_sandbox/faults', { enable: ['referral.skip-refund-reversal'] });
    expect(on.body.data).toEqual(['referral.skip-refund-reversal']);
    expect(platform.faults.has('referral.skip-refund-reversal')).toBe(true);

    const off = await platform.api('POST', '/_sandbox/faults', { disable: ['referral.skip-refund-reversal'] });
    expect(off.body.data).toEqual([]);
    const unknown = await platform.api('POST', '/_sandbox/faults', { enable: ['referral.no-such-fault'] });
    expect(unknown.status).toBe(400);
    const withoutKey = await platform.api('POST', '/_sandbox/faults', { enable: [] }, platform.publishableKey);
    expect(withoutKey.status).toBe(401);
  });

  test('ignores a stale refund snapshot that arrives after a newer one', async ({ lab }) => {
    const platform = await lab.start();
    const sale = await attributedSale(platform);
    const secret = platform.provider.webhookSecret;
    await deliverProviderEvent(platform.url, chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 1000 }), secret);
    await deliverProviderEvent(platform.url, chargeRefunded({ paymentIntent: sale.paymentIntent, amountRefunded: 500 }), secret);
    const commission = (await platform.api('GET', `/v1/commissions/${sale.commissionId}`)).body;
    expect(commission).toMatchObject({ amount: 200, refunded_sale_amount: 1000 });
  });
});
