import { createHmac } from 'node:crypto';
import { test, expect } from '../../../../../sandbox/rewardful/support/rewardfulWorld';
import { startRewardfulMerchantPage } from '../../../../../sandbox/rewardful/support/merchantPage';
import { rewardfulPlatform, RewardfulPlatform } from '../../../../../../src/run/referral/platforms/rewardful/rewardfulPlatform';
import { ReferralApiError } from '../../../../../../src/run/referral/referralApiError';
import { applyCommissionRule, commissionAfterRefund } from '../../../../../../src/run/referral/commissionRules';

/** The adapter against the Rewardful emulation: what the harness would see through it. */
test.describe('Rewardful adapter (contract against the emulation)', () => {
  test('says what Rewardful cannot show, and leaves those members out', async () => {
    const platform = rewardfulPlatform({ apiBase: 'http://127.0.0.1:9', secretKey: 'x', publishableKey: 'y' });
    expect(platform.displayName).toBe('Rewardful');
    expect(Object.keys(platform.limits ?? {}).sort()).toEqual(['clicksByRunId', 'conversionsByPayment', 'deliveryLog', 'webhookEndpoints']);
    expect(platform.listDeliveries).toBeUndefined();
    expect(platform.createWebhookEndpoint).toBeUndefined();
    expect(typeof platform.retrieveProgram).toBe('function');
  });

  test('click, conversion, commission by the campaign rule, partial then full refund', async ({ startWorld, page }) => {
    const world = await startWorld();
    const { rewardful } = world;
    const platform = rewardfulPlatform({
      apiBase: rewardful.url,
      secretKey: rewardful.secretKey,
      publishableKey: rewardful.publishableKey,
    });
    const merchant = await startRewardfulMerchantPage(rewardful.scriptUrl, rewardful.publishableKey);
    try {
      await page.goto(`${merchant.url}/?via=${rewardful.seed.partnerKey}&utm_campaign=run-7`);
      await page.waitForFunction(() => (window as unknown as { readyCalls: number }).readyCalls === 1);
      const clickId = await platform.browserClickId!(page);
      expect(clickId).toMatch(/^[0-9a-f-]{36}$/);
      const click = await platform.retrieveClick(clickId!);
      expect(click).toMatchObject({
        id: clickId,
        partner: rewardful.seed.partnerId,
        partner_key: rewardful.seed.partnerKey,
        program: rewardful.seed.programId,
        metadata: {},
      });
      expect(click.landing_url).toContain(`via=${rewardful.seed.partnerKey}`);
      expect((await platform.listClicks({ 'metadata[utm_campaign]': 'run-7' })).data).toEqual([]);

      const session = await world.payCheckout(clickId!);
      await expect.poll(async () => (await platform.listConversions({ click: clickId! })).data.length).toBe(1);
      const [conversion] = (await platform.listConversions({ click: clickId! })).data;
      expect(conversion).toMatchObject({
        click: clickId,
        partner: rewardful.seed.partnerId,
        program: rewardful.seed.programId,
        amount: 2000,
        currency: 'usd',
      });
      expect(conversion!.source.id).toMatch(/^ch_/);
      expect(conversion!.payment_intent).toBeNull();
      expect((await platform.listConversions({ source_id: conversion!.source.id })).data.map((c) => c.id)).toEqual([conversion!.id]);
      expect((await platform.listConversions({ source_id: session.id })).data).toEqual([]);
      expect(await platform.retrieveConversion(conversion!.id)).toEqual(conversion);

      const program = await platform.retrieveProgram!(conversion!.program);
      expect(program.rule).toEqual({ type: 'percentage', percentage: 20 });
      const [commission] = (await platform.listCommissions({ conversion: conversion!.id })).data;
      expect(commission).toMatchObject({
        conversion: conversion!.id,
        partner: rewardful.seed.partnerId,
        status: 'pending',
        amount: applyCommissionRule(program.rule, 2000),
        original_amount: 400,
        sale_amount: 2000,
        refunded_sale_amount: 0,
        currency: 'usd',
      });
      expect(commission!.hold_until).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);

      await world.stripe.refunds.create({ payment_intent: session.payment_intent as string, amount: 501 });
      await expect.poll(async () => (await platform.retrieveCommission(commission!.id)).refunded_sale_amount).toBe(501);
      expect(await platform.retrieveCommission(commission!.id)).toMatchObject({
        status: 'pending',
        amount: commissionAfterRefund(400, 2000, 501),
        original_amount: 400,
      });

      await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
      await expect.poll(async () => (await platform.retrieveCommission(commission!.id)).status).toBe('refunded');
      expect(await platform.retrieveCommission(commission!.id)).toMatchObject({
        amount: 0,
        refunded_sale_amount: 2000,
        original_amount: 400,
      });
      expect((await platform.listCommissions({ conversion: conversion!.id })).data.map((c) => [c.id, c.status])).toEqual([
        [commission!.id, 'refunded'],
      ]);
    } finally {
      await merchant.close();
    }
  });

  test("a deleted commission the adapter never saw is Rewardful's 404, said in one line", async ({ startWorld }) => {
    const { rewardful } = await startWorld();
    const platform = rewardfulPlatform({
      apiBase: rewardful.url,
      secretKey: rewardful.secretKey,
      publishableKey: rewardful.publishableKey,
    });
    const error = await platform.retrieveCommission('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferralApiError);
    expect(error).toMatchObject({ status: 404, type: 'not_found' });
  });

  test('verifies X-Rewardful-Signature and maps the events into the contract envelope', async ({ startWorld }) => {
    const world = await startWorld();
    const { rewardful } = world;
    const receiver = await world.receiver();
    const platform = rewardfulPlatform({
      apiBase: rewardful.url,
      secretKey: rewardful.secretKey,
      publishableKey: rewardful.publishableKey,
    });
    const session = await world.payCheckout(await world.visit());
    await expect.poll(() => receiver.types()).toContain('commission.created');
    // The adapter reads the commission once, as the harness does before a refund.
    const [conversion] = (await platform.listConversions({})).data;
    const [commission] = (await platform.listCommissions({ conversion: conversion!.id })).data;
    await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
    await expect.poll(() => receiver.types()).toContain('commission.deleted');

    const verified = receiver.received.map(({ headers, body }) =>
      platform.verifyWebhook!(body, { 'X-Rewardful-Signature': headers['x-rewardful-signature'] as string }, receiver.secret),
    );
    expect(verified.map((e) => e.type)).toEqual([
      'referral.created',
      'referral.converted',
      'conversion.created',
      'commission.created',
      'sale.refunded',
      'commission.refunded',
    ]);
    expect(verified[2]!.data).toMatchObject({ object: 'conversion', id: conversion!.id, amount: 2000 });
    expect(verified[3]!.data).toMatchObject({ object: 'commission', id: commission!.id, amount: 400, status: 'pending' });
    expect(verified[5]!.data).toMatchObject({
      id: commission!.id,
      status: 'refunded',
      amount: 0,
      refund_amount: 2000,
      previous_status: 'pending',
    });

    const { body, headers } = receiver.received[3]!;
    const signature = headers['x-rewardful-signature'] as string;
    const tampered = body.replace('"amount":400', '"amount":4000');
    expect(() => platform.verifyWebhook!(tampered, { 'x-rewardful-signature': signature }, receiver.secret)).toThrow(/does not match/);
    expect(() => platform.verifyWebhook!(body, { 'x-rewardful-signature': signature }, 'not-the-secret')).toThrow(/does not match/);
    expect(() => platform.verifyWebhook!(body, {}, receiver.secret)).toThrow(/no x-rewardful-signature/);
    const resigned = createHmac('sha256', receiver.secret).update(tampered).digest('hex');
    expect(platform.verifyWebhook!(tampered, { 'x-rewardful-signature': resigned }, receiver.secret).data).toMatchObject({ amount: 4000 });
  });

  test('waits out a 429 for the window named by the RateLimit header, a bounded number of times', async ({ startWorld }) => {
    const { rewardful } = await startWorld({ rateLimit: { requests: 3, windowMs: 1_500 } });
    const access = { apiBase: rewardful.url, secretKey: rewardful.secretKey, publishableKey: rewardful.publishableKey };
    const patient = new RewardfulPlatform(access);
    const started = Date.now();
    // listPartners is never cached: each is a request.
    for (let i = 0; i < 5; i += 1) expect((await patient.listPartners()).data).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThan(400);

    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const impatient = new RewardfulPlatform(access, { maxRetries: 0, baseDelayMs: 10, maxRateLimitWaitMs: 10 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        impatient.listPartners().then(
          () => 'ok',
          (e: unknown) => e,
        ),
      ),
    );
    const refused = answers.filter((a) => a instanceof ReferralApiError);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ status: 429, type: 'rate_limit_error' });
  });

  test('a wrong API Secret is a 401 whose message does not carry the secret', async ({ startWorld }) => {
    const { rewardful } = await startWorld();
    const secret = 'wrong-secret-that-must-not-leak';
    const platform = rewardfulPlatform({ apiBase: rewardful.url, secretKey: secret, publishableKey: rewardful.publishableKey });
    const error = (await platform.listPartners().catch((e: unknown) => e)) as ReferralApiError;
    expect(error).toMatchObject({ status: 401, type: 'authentication_error' });
    expect(error.message).toContain('Invalid API Secret.');
    expect(error.message).not.toContain(secret);
  });

  test('partners are affiliates keyed by their link token', async ({ startWorld }) => {
    const { rewardful } = await startWorld();
    const platform = rewardfulPlatform({
      apiBase: rewardful.url,
      secretKey: rewardful.secretKey,
      publishableKey: rewardful.publishableKey,
    });
    const partners = await platform.listPartners({ key: rewardful.seed.partnerKey });
    expect(partners.data).toEqual([
      expect.objectContaining({ id: rewardful.seed.partnerId, key: rewardful.seed.partnerKey, program: rewardful.seed.programId }),
    ]);
    expect((await platform.listPartners({ key: 'nobody' })).data).toEqual([]);
  });
});
