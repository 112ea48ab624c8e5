import { test, expect } from '@playwright/test';
import type Stripe from 'stripe';
import type { TimelinePoint } from '../../../../src/run/evidence/flowRecord';
import { expectConversionAttributed } from '../../../../src/run/expectations/expectConversionAttributed';
import { expectNoSuccessfulCharge } from '../../../../src/run/expectations/expectDeclined';
import { expectPaymentSucceeded } from '../../../../src/run/expectations/expectPaymentSucceeded';
import type { ReferralPlatform, ReferralQuery } from '../../../../src/model/target/referralPlatform';
import type { ReferralClick, ReferralConversion } from '../../../../contracts/referral';

const EMAIL = 'rehearsal+rh-1@example.com';

function list<T>(data: T[]) {
  return { object: 'list', data, has_more: false, url: '/v1/x' };
}

/** A provider holding one payment intent (and its charge), and a checkout session paid with it when `session` is set. */
function providerWith(options: {
  intent: Partial<Stripe.PaymentIntent>;
  charge: Partial<Stripe.Charge>;
  session?: Partial<Stripe.Checkout.Session>;
}): Stripe {
  const intent = {
    id: 'pi_1',
    object: 'payment_intent',
    amount: 1500,
    currency: 'jpy',
    status: 'succeeded',
    latest_charge: 'ch_1',
    receipt_email: null,
    customer: null,
    metadata: {},
    ...options.intent,
  };
  const charge = {
    id: 'ch_1',
    object: 'charge',
    amount: 1500,
    currency: 'jpy',
    status: 'succeeded',
    paid: true,
    created: 1_790_000_000,
    payment_intent: 'pi_1',
    billing_details: { email: null },
    receipt_email: null,
    ...options.charge,
  };
  const sessions = options.session ? [{ id: 'cs_1', object: 'checkout.session', payment_intent: 'pi_1', ...options.session }] : [];
  return {
    paymentIntents: { retrieve: async () => intent, list: async () => list([intent]) },
    charges: { retrieve: async () => charge, list: async () => list([charge]) },
    checkout: { sessions: { retrieve: async () => sessions[0], list: async () => list(sessions) } },
    customers: { retrieve: async () => ({ id: 'cus_1', email: EMAIL }) },
  } as unknown as Stripe;
}

function context() {
  const points: TimelinePoint[] = [];
  const attached: string[] = [];
  const evidence = {
    attachJson: async (name: string) => void attached.push(name),
    timeline: (point: TimelinePoint) => void points.push(point),
  };
  return { points, attached, within: { evidence, timeoutMs: 300 } };
}

test.describe('a payment succeeded at the provider', () => {
  test('a payment intent: succeeded with its charge paid; the sale is its whole amount and the email its receipt email', async () => {
    const { points, attached, within } = context();
    const provider = providerWith({ intent: { receipt_email: EMAIL }, charge: {} });
    const paid = await expectPaymentSucceeded(provider, { kind: 'payment_intent', id: 'pi_1' }, within);
    expect(paid).toMatchObject({
      payment: { kind: 'payment_intent', id: 'pi_1' },
      amount: 1500,
      currency: 'jpy',
      saleAmount: 1500,
      customerEmail: EMAIL,
    });
    expect(paid.session).toBeUndefined();
    expect(attached).toEqual(['payment intent', 'charge']);
    expect(points.map((point) => point.label)).toEqual(['payment succeeded (1,500 JPY)']);
  });

  test("a payment intent without a receipt email: its customer's email", async () => {
    const { within } = context();
    const provider = providerWith({ intent: { customer: 'cus_1' }, charge: {} });
    await expect(expectPaymentSucceeded(provider, { kind: 'payment_intent', id: 'pi_1' }, within)).resolves.toMatchObject({
      customerEmail: EMAIL,
    });
  });

  test('a checkout session: complete and paid; the sale excludes tax and the email is the one the customer typed', async () => {
    const { attached, within } = context();
    const provider = providerWith({
      intent: { amount: 2200, currency: 'usd' },
      charge: { amount: 2200, currency: 'usd' },
      session: {
        status: 'complete',
        payment_status: 'paid',
        amount_total: 2200,
        currency: 'usd',
        total_details: { amount_tax: 200 } as Stripe.Checkout.Session.TotalDetails,
        customer_details: { email: EMAIL } as Stripe.Checkout.Session.CustomerDetails,
      },
    });
    const paid = await expectPaymentSucceeded(provider, { kind: 'checkout_session', id: 'cs_1' }, within);
    expect(paid).toMatchObject({ amount: 2200, currency: 'usd', saleAmount: 2000, customerEmail: EMAIL, session: { id: 'cs_1' } });
    expect(attached).toEqual(['checkout session', 'payment intent', 'charge']);
  });

  test('a payment intent still waiting for the customer fails naming it and its status', async () => {
    const { within } = context();
    const provider = providerWith({ intent: { status: 'requires_payment_method', latest_charge: null }, charge: {} });
    const error = await expectPaymentSucceeded(provider, { kind: 'payment_intent', id: 'pi_1' }, within).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Expected payment intent pi_1 succeeded, with its charge paid at the provider's API \(GET \/v1\/payment_intents, \/v1\/charges\), but it did not appear within .*last seen: payment intent requires_payment_method\)\.$/,
    );
  });
});

test.describe("the run's payments for a decline", () => {
  test('a succeeded payment intent of the run is named even when no charge of it is found by email', async () => {
    const { within } = context();
    const provider = providerWith({ intent: {}, charge: { status: 'failed', paid: false } });
    const error = await expectNoSuccessfulCharge(
      provider,
      { customerEmail: EMAIL, since: 0, payments: [{ kind: 'payment_intent', id: 'pi_1' }] },
      within,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('but found no charges; paid sessions: none; succeeded payment intents: pi_1.');
  });

  test('passes when the run customer has no successful charge and its payment intent did not succeed', async () => {
    const { within } = context();
    const provider = providerWith({ intent: { status: 'requires_payment_method' }, charge: { status: 'failed', paid: false } });
    await expect(
      expectNoSuccessfulCharge(provider, { customerEmail: EMAIL, since: 0, payments: [{ kind: 'payment_intent', id: 'pi_1' }] }, within),
    ).resolves.toBeUndefined();
  });
});

test.describe('the conversion for a payment', () => {
  const click = { id: 'clk_1', partner: 'ptn_alice' } as ReferralClick;
  const conversion = (overrides: Partial<ReferralConversion>) =>
    ({
      id: 'conv_1',
      object: 'conversion',
      click: 'clk_1',
      partner: 'ptn_alice',
      program: 'prog_demo',
      payment_intent: 'pi_1',
      source: { type: 'payment_intent', id: 'pi_1' },
      amount: 1500,
      currency: 'jpy',
      created: 1_790_000_002,
      ...overrides,
    }) as ReferralConversion;

  function platformWith(conversions: ReferralConversion[]) {
    const queries: ReferralQuery[] = [];
    const platform = {
      listConversions: async (query: ReferralQuery) => {
        queries.push(query);
        return list(conversions);
      },
    } as unknown as ReferralPlatform;
    return { platform, queries };
  }

  test('a payment intent the merchant reported: found by payment_intent, attributed to the click, for the sale amount', async () => {
    const { within } = context();
    const { platform, queries } = platformWith([conversion({})]);
    const found = await expectConversionAttributed(
      platform,
      { click, payment: { kind: 'payment_intent', id: 'pi_1' }, saleAmount: 1500, currency: 'jpy' },
      within,
    );
    expect(found.id).toBe('conv_1');
    expect(queries[0]).toEqual({ payment_intent: 'pi_1', limit: 100 });
  });

  test('a checkout session: found by source_id', async () => {
    const { within } = context();
    const { platform, queries } = platformWith([conversion({ source: { type: 'checkout.session', id: 'cs_1' } })]);
    await expectConversionAttributed(
      platform,
      { click, payment: { kind: 'checkout_session', id: 'cs_1' }, saleAmount: 1500, currency: 'jpy' },
      within,
    );
    expect(queries[0]).toEqual({ source_id: 'cs_1', limit: 100 });
  });

  test('a conversion attributed to another click does not count, and the failure says whose click it has', async () => {
    const { within } = context();
    const { platform } = platformWith([conversion({ click: null })]);
    const error = await expectConversionAttributed(
      platform,
      { click, payment: { kind: 'payment_intent', id: 'pi_1' }, saleAmount: 1500, currency: 'jpy' },
      within,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Expected a conversion for payment intent pi_1 attributed to click clk_1 at the referral platform's API \(GET \/v1\/conversions\?payment_intent=pi_1\)/,
    );
    expect((error as Error).message).toContain(
      'last seen: 1 conversions for the payment, 1 not attributed to the click (conv_1: click none))',
    );
  });

  test('two conversions for one payment fail: a redelivered webhook counted twice', async () => {
    const { within } = context();
    const { platform } = platformWith([conversion({}), conversion({ id: 'conv_2' })]);
    const error = await expectConversionAttributed(
      platform,
      { click, payment: { kind: 'payment_intent', id: 'pi_1' }, saleAmount: 1500, currency: 'jpy' },
      within,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('one payment is one conversion');
  });
});
