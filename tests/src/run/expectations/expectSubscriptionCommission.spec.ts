import { test, expect } from '@playwright/test';
import type Stripe from 'stripe';
import { expectSubscriptionCommission } from '../../../../src/run/expectations/expectSubscriptionCommission';
import { invoiceSaleKeys } from '../../../../src/run/expectations/invoiceConversion';
import type { ReferralPlatform, ReferralQuery } from '../../../../src/model/target/referralPlatform';
import type { ReferralClick, ReferralCommission, ReferralConversion, ReferralProgram } from '../../../../contracts/referral';

/*
 * A subscription's payment, as real Stripe has it: the Checkout Session has no payment intent, the invoice's payment
 * is under `invoice.payments` (API version 2025-03-31 and later). The conversion is looked for under the invoice, by
 * every key a platform may use, and a missing one names every place it was looked for.
 */

const click = { id: 'clk_1', partner: 'ptn_alice' } as ReferralClick;

/** A first invoice read with `expand[]=payments`: paid by pi_1, no `payment_intent` of its own (basil and later). */
const invoice = {
  id: 'in_1',
  object: 'invoice',
  payments: {
    object: 'list',
    data: [
      {
        id: 'inpay_1',
        object: 'invoice_payment',
        status: 'paid',
        is_default: true,
        payment: { type: 'payment_intent', payment_intent: 'pi_1' },
      },
    ],
    has_more: false,
    url: '/v1/invoice_payments?invoice=in_1',
  },
} as unknown as Stripe.Invoice;

function conversion(fields: Partial<ReferralConversion>): ReferralConversion {
  return {
    id: 'conv_1',
    object: 'conversion',
    click: 'clk_1',
    partner: 'ptn_alice',
    program: 'prog_demo',
    source: { type: 'invoice', id: 'in_1' },
    payment_intent: null,
    customer_email: null,
    amount: 1500,
    currency: 'usd',
    provider_event: null,
    livemode: false,
    metadata: {},
    created: 1_790_000_000,
    ...fields,
  };
}

/** A referral platform holding `conversions`, filtering them as Dress Rehearsal's API does, and recording every query. */
function platformWith(conversions: ReferralConversion[]): { referral: ReferralPlatform; queries: ReferralQuery[] } {
  const queries: ReferralQuery[] = [];
  const commission = {
    id: 'cm_1',
    object: 'commission',
    conversion: 'conv_1',
    partner: 'ptn_alice',
    program: 'prog_demo',
    status: 'pending',
    amount: 300,
    currency: 'usd',
    created: 1_790_000_001,
  } as ReferralCommission;
  const referral = {
    listConversions: async (query: ReferralQuery = {}) => {
      queries.push(query);
      const data = conversions.filter(
        (c) =>
          (query.source_id === undefined || c.source.id === query.source_id) &&
          (query.payment_intent === undefined || c.payment_intent === query.payment_intent) &&
          (query.subscription === undefined ||
            (c as ReferralConversion & { subscription?: string | null }).subscription === query.subscription),
      );
      return { object: 'list', data, has_more: false, url: '/v1/conversions' };
    },
    listCommissions: async (query: ReferralQuery = {}) => ({
      object: 'list',
      data: query.conversion === 'conv_1' ? [commission] : [],
      has_more: false,
      url: '/v1/commissions',
    }),
    retrieveProgram: async () => ({ id: 'prog_demo', object: 'program', rule: { type: 'percentage', percentage: 20 } }) as ReferralProgram,
  } as unknown as ReferralPlatform;
  return { referral, queries };
}

const within = (timeoutMs: number) => ({ evidence: { attachJson: async () => undefined }, timeoutMs });
const expected = { which: 'first' as const, subscriptionId: 'sub_1', invoice, click, saleAmount: 1500, currency: 'usd', agreedAmount: 300 };

test("finds a subscription's first conversion recorded by the payment intent that paid the invoice (the merchant reported the sale)", async () => {
  // Neither the invoice nor the subscription names it: only the invoice's payment does.
  const { referral } = platformWith([conversion({ source: { type: 'payment_intent', id: 'pi_1' }, payment_intent: 'pi_1' })]);
  const found = await expectSubscriptionCommission(referral, expected, within(2_000));
  expect(found.conversion.id).toBe('conv_1');
  expect(found.commission.id).toBe('cm_1');
});

test('finds it by the invoice, the subscription, or the payment intent, and asks each', async () => {
  const { referral, queries } = platformWith([conversion({ source: { type: 'invoice', id: 'in_1' } })]);
  await expectSubscriptionCommission(referral, expected, within(2_000));
  expect(queries).toEqual([
    { source_id: 'in_1', limit: 100 },
    { subscription: 'sub_1', limit: 100 },
    { payment_intent: 'pi_1', limit: 100 },
  ]);
});

test('a conversion of another invoice of the subscription is not this one', async () => {
  const renewal = conversion({ id: 'conv_2', source: { type: 'invoice', id: 'in_2' } });
  (renewal as ReferralConversion & { subscription?: string }).subscription = 'sub_1';
  const { referral } = platformWith([renewal]);
  const error = await expectSubscriptionCommission(referral, expected, within(300)).then(
    () => new Error('no error'),
    (e: unknown) => e as Error,
  );
  expect(error.message).toContain(
    'last seen: no conversion with invoice in_1, subscription sub_1 or payment intent pi_1 (others: conv_2 (invoice in_2))',
  );
});

test('when none is found, the message names every place it looked', async () => {
  const { referral } = platformWith([]);
  const error = await expectSubscriptionCommission(referral, expected, within(300)).then(
    () => new Error('no error'),
    (e: unknown) => e as Error,
  );
  expect(error.message).toMatch(
    /^Expected a first commission for invoice in_1 of subscription sub_1 \(a conversion with invoice in_1, subscription sub_1 or payment intent pi_1, and its commission\) at the referral platform's API \(GET \/v1\/conversions\?source_id=in_1, GET \/v1\/conversions\?subscription=sub_1, GET \/v1\/conversions\?payment_intent=pi_1, GET \/v1\/commissions\?conversion=…\), but it did not appear within /,
  );
});

test('an invoice read without its payments is looked for by the invoice and the subscription only', () => {
  const bare = { id: 'in_9', object: 'invoice' } as Stripe.Invoice;
  expect(invoiceSaleKeys(bare, 'sub_9')).toEqual({ invoiceId: 'in_9', subscriptionId: 'sub_9' });
  expect(invoiceSaleKeys(invoice, 'sub_1')).toEqual({ invoiceId: 'in_1', subscriptionId: 'sub_1', paymentIntentId: 'pi_1' });
});
