import { test, expect } from './support/fixtures';
import { checkoutCompleted, deliverProviderEvent, invoicePaid } from './support/providerEvents';

test.describe('referral platform: conversions from provider events', () => {
  test('registers its webhook endpoint at the provider on start', async ({ lab }) => {
    const platform = await lab.start();
    expect(platform.provider.registrations).toEqual([
      {
        authorization: `Bearer ${platform.provider.secretKey}`,
        url: `${platform.url}/v1/provider/webhooks`,
        enabled_events: ['checkout.session.completed', 'invoice.paid', 'charge.refunded', 'customer.subscription.deleted'],
      },
    ]);
  });

  test('turns a paid checkout session into a conversion and a 20 % commission', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const event = checkoutCompleted({ clickId: click.id, amountTotal: 2000 });

    const delivered = await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
    expect(delivered.status).toBe(200);

    const conversions = (await platform.api('GET', `/v1/conversions?click=${click.id}`)).body.data;
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({
      object: 'conversion',
      click: click.id,
      partner: 'ptn_alice',
      program: 'prog_demo',
      source: { type: 'checkout.session', id: event.data.object.id },
      payment_intent: event.data.object.payment_intent,
      customer_email: 'buyer@example.test',
      amount: 2000,
      currency: 'usd',
      provider_event: event.id,
      livemode: false,
    });
    const commissions = (await platform.api('GET', `/v1/commissions?conversion=${conversions[0].id}`)).body.data;
    expect(commissions).toHaveLength(1);
    const commission = commissions[0];
    expect(commission).toMatchObject({
      status: 'pending',
      amount: 400,
      original_amount: 400,
      sale_amount: 2000,
      refunded_sale_amount: 0,
      partner: 'ptn_alice',
      rule: { type: 'percentage', percentage: 20 },
    });
    expect(commission.hold_until - commission.created).toBe(30 * 86_400);
  });

  test('attributes through metadata.referral_click_id when client_reference_id is absent', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('bob')).body;
    const event = checkoutCompleted({ metadata: { referral_click_id: click.id } });
    await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
    const conversions = (await platform.api('GET', '/v1/conversions?partner=bob')).body.data;
    expect(conversions.map((c: { click: string }) => c.click)).toEqual([click.id]);
  });

  test('commissions on the sale excluding tax', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    await deliverProviderEvent(
      platform.url,
      checkoutCompleted({ clickId: click.id, amountTotal: 2200, amountTax: 200 }),
      platform.provider.webhookSecret,
    );
    const [commission] = (await platform.api('GET', '/v1/commissions')).body.data;
    expect(commission).toMatchObject({ sale_amount: 2000, amount: 400 });
  });

  test('creates one conversion per session however often the provider delivers it', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const event = checkoutCompleted({ clickId: click.id });
    const again = { ...checkoutCompleted({ clickId: click.id }), data: event.data };

    const first = await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
    const repeat = await deliverProviderEvent(platform.url, event, platform.provider.webhookSecret);
    const sameSessionNewEvent = await deliverProviderEvent(platform.url, again, platform.provider.webhookSecret);

    expect([first.status, repeat.status, sameSessionNewEvent.status]).toEqual([200, 200, 200]);
    expect(repeat.body.outcome).toContain('duplicate event');
    expect(sameSessionNewEvent.body.outcome).toContain('duplicate of');
    expect((await platform.api('GET', '/v1/conversions')).body.data).toHaveLength(1);
    expect((await platform.api('GET', '/v1/commissions')).body.data).toHaveLength(1);
  });

  test('ignores an unsigned provider webhook', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const event = checkoutCompleted({ clickId: click.id });

    const unsigned = await deliverProviderEvent(platform.url, event, null);
    const forged = await deliverProviderEvent(platform.url, event, 'whsec_not_the_real_secret');

    expect(unsigned.status).toBe(400);
    expect(forged.status).toBe(400);
    expect(forged.body.error?.code).toBe('signature_invalid');
    expect((await platform.api('GET', '/v1/conversions')).body.data).toEqual([]);
  });

  test('ignores unpaid, free and unattributed checkouts', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const secret = platform.provider.webhookSecret;

    const unpaid = await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: click.id, paymentStatus: 'unpaid' }), secret);
    const free = await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: click.id, amountTotal: 0 }), secret);
    const noClick = await deliverProviderEvent(platform.url, checkoutCompleted({}), secret);
    const unknownClick = await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: 'clk_does_not_exist' }), secret);

    for (const answer of [unpaid, free, noClick, unknownClick]) expect(answer.body.outcome).toMatch(/^ignored/);
    expect((await platform.api('GET', '/v1/conversions')).body.data).toEqual([]);
  });

  test('does not attribute a checkout made after the 90-day cookie window', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const late = checkoutCompleted({ clickId: click.id, created: click.created + 90 * 86_400 + 1 });
    const answer = await deliverProviderEvent(platform.url, late, platform.provider.webhookSecret);
    expect(answer.body.outcome).toMatch(/^ignored/);
    expect((await platform.api('GET', '/v1/conversions')).body.data).toEqual([]);
  });

  test('attributes a checkout made on the last second of the cookie window', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    const lastSecond = checkoutCompleted({ clickId: click.id, created: click.created + 90 * 86_400 });
    const answer = await deliverProviderEvent(platform.url, lastSecond, platform.provider.webhookSecret);
    expect(answer.body.outcome).toMatch(/^created conv_/);
    expect((await platform.api('GET', `/v1/conversions?click=${click.id}`)).body.data).toHaveLength(1);
  });

  test('pays the first partner again when an attributed customer pays an invoice', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('bob')).body;
    const secret = platform.provider.webhookSecret;
    await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: click.id, customer: 'cus_renewing' }), secret);

    const renewal = invoicePaid({ customer: 'cus_renewing', amountPaid: 1500 });
    await deliverProviderEvent(platform.url, renewal, secret);
    await deliverProviderEvent(platform.url, renewal, secret);
    const stranger = await deliverProviderEvent(platform.url, invoicePaid({ customer: 'cus_stranger' }), secret);

    expect(stranger.body.outcome).toMatch(/^ignored/);
    const fromInvoice = (await platform.api('GET', `/v1/conversions?source_id=${renewal.data.object.id}`)).body.data;
    expect(fromInvoice).toHaveLength(1);
    expect(fromInvoice[0]).toMatchObject({ partner: 'ptn_bob', source: { type: 'invoice' }, amount: 1500 });
    const [commission] = (await platform.api('GET', `/v1/commissions?conversion=${fromInvoice[0].id}`)).body.data;
    expect(commission).toMatchObject({ amount: 300, status: 'pending' });
  });

  test('attributes a first invoice through the subscription metadata click id', async ({ lab }) => {
    const platform = await lab.start();
    const click = (await platform.click('alice')).body;
    await deliverProviderEvent(
      platform.url,
      invoicePaid({ customer: 'cus_new', clickId: click.id, amountPaid: 990 }),
      platform.provider.webhookSecret,
    );
    const [conversion] = (await platform.api('GET', '/v1/conversions')).body.data;
    expect(conversion).toMatchObject({ click: click.id, partner: 'ptn_alice', amount: 990 });
    const [commission] = (await platform.api('GET', '/v1/commissions')).body.data;
    expect(commission.amount).toBe(198);
  });
});
