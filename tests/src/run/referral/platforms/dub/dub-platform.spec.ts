import { expect } from '@playwright/test';
import { dubPlatform, DubPlatform } from '../../../../../../src/run/referral/platforms/dub/dubPlatform';
import { processRateBudgets } from '../../../../../../src/run/rateBudget/rateBudgets';
import { ReferralApiError } from '../../../../../../src/run/referral/referralApiError';
import { platformLimit } from '../../../../../../src/run/referral/platformLimits';
import { startWebhookReceiver } from '../../../../../sandbox/referral/support/webhookReceiver';
import { payHostedCheckout } from '../../../../../sandbox/support/payHostedCheckout';
import { startDubMerchantPage } from '../../../../../sandbox/dub/support/dubMerchantPage';
import { clickId, eventually, paidCheckout, startDubWorld, test, type DubWorld } from '../../../../../sandbox/dub/support/dubWorld';

// The Dub adapter (src/run/referral/platforms/dub/) against the Dub emulation (sandbox/dub/) and the sandbox provider.

const adapterFor = (world: DubWorld) =>
  dubPlatform({ apiBase: world.dub.url, secretKey: world.dub.secretKey, publishableKey: world.dub.publishableKey });

test.describe('Dub adapter against the emulation', () => {
  test('says what Dub cannot show, and leaves those members out', ({ world }) => {
    const dub = adapterFor(world);
    expect(dub.displayName).toBe('Dub');
    expect(dub.retrieveProgram).toBeUndefined();
    expect(dub.createWebhookEndpoint).toBeUndefined();
    expect(dub.listDeliveries).toBeUndefined();
    for (const limit of ['program', 'webhookEndpoints', 'deliveryLog', 'clicksByRunId'] as const) {
      expect(platformLimit(dub, limit)).toMatch(/^Dub's/);
    }
  });

  test("the click the script left in the browser: browserClickId, retrieveClick, listClicks by the run's utm_campaign", async ({
    world,
    page,
  }) => {
    const dub = adapterFor(world);
    const shop = await startDubMerchantPage(world.dub);
    try {
      await page.goto(`${shop.url}/?via=alice&utm_campaign=rh-contract-1`);
      const id = await eventually(() => dub.browserClickId!(page));
      const click = await dub.retrieveClick(id);
      expect(click).toMatchObject({
        id,
        object: 'click',
        partner: world.dub.seed.partnerId,
        partner_key: 'alice',
        program: world.dub.seed.programId,
        referrer: null,
        metadata: { utm_campaign: 'rh-contract-1' },
      });
      expect(click.landing_url).toBe(`${shop.url}/?via=alice&utm_campaign=rh-contract-1`);
      expect(click.expires_at - click.created).toBe(90 * 24 * 3600);
      expect((await dub.listClicks({ 'metadata[utm_campaign]': 'rh-contract-1' })).data.map((c) => c.id)).toEqual([id]);
      expect((await dub.listClicks({ 'metadata[utm_campaign]': 'another-run' })).data).toEqual([]);
      await expect(dub.retrieveClick('nosuchclick00000')).rejects.toMatchObject({ status: 404, code: 'resource_missing' });
    } finally {
      await shop.close();
    }
  });

  test('a referred Checkout: conversion by session and click, 20 % commission, refund → refunded', async ({ world }) => {
    const dub = adapterFor(world);
    const click = await clickId(world.dub, { runId: 'rh-contract-2' });
    const session = await paidCheckout(world, click);

    const conversions = await eventually(async () => {
      const found = (await dub.listConversions({ source_id: session.id })).data;
      return found.length > 0 ? found : undefined;
    });
    expect(conversions).toHaveLength(1);
    const conversion = conversions[0]!;
    expect(conversion).toMatchObject({
      object: 'conversion',
      click,
      partner: world.dub.seed.partnerId,
      program: world.dub.seed.programId,
      source: { type: 'checkout.session', id: session.id },
      payment_intent: session.payment_intent,
      amount: 2000,
      currency: 'usd',
      livemode: false,
      provider_event: null,
    });
    expect((await dub.listConversions({ click })).data.map((c) => c.id)).toEqual([conversion.id]);
    expect((await dub.listConversions({ payment_intent: session.payment_intent as string })).data.map((c) => c.id)).toEqual([
      conversion.id,
    ]);
    expect((await dub.retrieveConversion(conversion.id)).id).toBe(conversion.id);

    const commissions = (await dub.listCommissions({ conversion: conversion.id })).data;
    expect(commissions).toHaveLength(1);
    const commission = commissions[0]!;
    expect(commission).toMatchObject({
      object: 'commission',
      conversion: conversion.id,
      partner: world.dub.seed.partnerId,
      program: world.dub.seed.programId,
      status: 'pending',
      amount: 400,
      original_amount: 400,
      sale_amount: 2000,
      refunded_sale_amount: 0,
      currency: 'usd',
    });
    expect(await dub.retrieveCommission(commission.id)).toEqual(commission);

    await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
    const reversed = await eventually(async () => {
      const current = await dub.retrieveCommission(commission.id);
      return current.status === 'refunded' ? current : undefined;
    }, 15_000);
    expect(reversed).toMatchObject({
      conversion: conversion.id,
      amount: 0,
      original_amount: 400,
      sale_amount: 2000,
      refunded_sale_amount: 2000,
    });
  });

  test('a referred subscription: the first invoice and a renewal are sales with a commission each (lifetime reward)', async ({ world }) => {
    const { stripe } = world;
    const dub = adapterFor(world);
    const start = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({ email: 'member@example.test', test_clock: clock.id });
    const product = await stripe.products.create({ name: 'Rehearsal Club' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1500, recurring: { interval: 'month' } });
    const click = await clickId(world.dub);
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://127.0.0.1:4242/success',
      client_reference_id: `dub_id_${click}`,
    });
    expect((await payHostedCheckout(world.provider.url, session.id)).status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const subscriptionId = paid.subscription as string;

    const first = await eventually(async () => (await dub.listConversions({ source_id: paid.invoice as string })).data[0]);
    expect(first).toMatchObject({ click, source: { type: 'invoice', id: paid.invoice }, subscription: subscriptionId, amount: 1500 });
    expect((await dub.listCommissions({ conversion: first.id })).data[0]).toMatchObject({
      amount: 300,
      sale_amount: 1500,
      status: 'pending',
    });

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 31 * 24 * 3600 + 3600 });
    await eventually(async () => ((await stripe.testHelpers.testClocks.retrieve(clock.id)).status === 'ready' ? true : undefined), 15_000);
    const renewal = await eventually(async () => {
      const found = (await dub.listConversions({ subscription: subscriptionId })).data.filter((c) => c.id !== first.id);
      return found[0];
    }, 15_000);
    expect(renewal).toMatchObject({ click, source: { type: 'invoice' }, subscription: subscriptionId, amount: 1500 });
    expect(renewal.source.id).not.toBe(paid.invoice);
    expect((await dub.listCommissions({ conversion: renewal.id })).data[0]).toMatchObject({
      conversion: renewal.id,
      amount: 300,
      status: 'pending',
    });
  });

  test('partners: the seeded partner under its link key', async ({ world }) => {
    const dub = adapterFor(world);
    const partners = (await dub.listPartners({ key: 'alice' })).data;
    expect(partners).toEqual([
      expect.objectContaining({ id: world.dub.seed.partnerId, object: 'partner', key: 'alice', status: 'approved' }),
    ]);
    expect((await dub.listPartners({ key: 'nobody' })).data).toEqual([]);
  });

  test('webhooks: Dub-Signature verified; tampered body and wrong secret refused; Dub events in the contract envelope', async ({
    world,
  }) => {
    const dub = adapterFor(world);
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await world.dub.registerMerchantEndpoint(receiver.url, ['sale.created', 'commission.created']);
      await paidCheckout(world, await clickId(world.dub));
      const received = await eventually(() => (receiver.received.length >= 2 ? receiver.received : undefined));
      const headersOf = (i: number) =>
        Object.fromEntries(Object.entries(received[i]!.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

      const sale = dub.verifyWebhook!(received[0]!.body, headersOf(0), endpoint.secret);
      expect(sale).toMatchObject({
        type: 'conversion.created',
        data: { id: null, partner: world.dub.seed.partnerId, amount: 2000, currency: 'usd' },
      });
      expect(sale.id).toMatch(/^evt_/);
      const commission = dub.verifyWebhook!(received[1]!.body, headersOf(1), endpoint.secret);
      const [listed] = (await dub.listCommissions()).data;
      expect(commission).toMatchObject({
        type: 'commission.created',
        data: { id: listed!.id, amount: 400, sale_amount: 2000, status: 'pending' },
      });

      const tampered = received[1]!.body.replace('"earnings":400', '"earnings":40000');
      expect(tampered).not.toBe(received[1]!.body);
      expect(() => dub.verifyWebhook!(tampered, headersOf(1), endpoint.secret)).toThrow(/does not match/);
      expect(() => dub.verifyWebhook!(received[1]!.body, headersOf(1), 'whsec_notTheSecret00')).toThrow(/does not match/);
      expect(() => dub.verifyWebhook!(received[1]!.body, {}, endpoint.secret)).toThrow(/no Dub-Signature/);
    } finally {
      await receiver.close();
    }
  });

  test("analytics calls are spaced to Dub's 2 a second: a burst of lists gets no 429", async ({ world }) => {
    const dub = adapterFor(world);
    const since = Date.now();
    const started = Date.now();
    await Promise.all([1, 2, 3, 4, 5].map(() => dub.listConversions()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(processRateBudgets().usageSince(since).referralConversions.status429).toBe(0);
  });

  test('rate limits: a 429 is waited out (Retry-After) and retried; a wrong key is a one-line 401 without the key', async () => {
    const world = await startDubWorld({
      rateLimits: { standard: { requests: 2, windowMs: 1000 }, analytics: { requests: 1, windowMs: 1000 } },
    });
    try {
      const dub = adapterFor(world);
      const started = Date.now();
      const answers = await Promise.all([dub.listPartners(), dub.listPartners(), dub.listPartners(), dub.listPartners()]);
      expect(answers.every((answer) => answer.data.length === 1)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);

      const wrong = new DubPlatform(
        { apiBase: world.dub.url, secretKey: 'dub_wrongKeyForTheTest' },
        { maxRetries: 0, baseDelayMs: 10, maxRateLimitWaitMs: 10 },
      );
      const error = await wrong.listPartners().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReferralApiError);
      expect(error).toMatchObject({ status: 401, type: 'authentication_error', code: 'unauthorized' });
      expect((error as Error).message).toBe('Dub GET /partners answered 401 unauthorized: Unauthorized: Invalid API key.');
      expect((error as Error).message).not.toContain('dub_wrongKeyForTheTest');
    } finally {
      await world.stop();
    }
  });
});
