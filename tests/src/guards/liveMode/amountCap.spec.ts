import { test, expect } from '@playwright/test';
import type Stripe from 'stripe';
import { amountCapFor } from '../../../../src/model/config/amountCaps';
import { expectWithinAmountCap, withAmountCap } from '../../../../src/guards/liveMode/amountCap';
import type { PaymentReference, TargetFlows } from '../../../../src/model/target/contract';

/** A provider with one checkout session (2000 usd) and one payment intent (6000 jpy). */
const provider = {
  checkout: { sessions: { retrieve: async (id: string) => ({ id, amount_total: 2000, currency: 'usd' }) } },
  paymentIntents: { retrieve: async (id: string) => ({ id, amount: 6000, currency: 'jpy' }) },
} as unknown as Stripe;

function evidence() {
  const attached: Array<{ name: string; value: unknown }> = [];
  return { attached, context: { evidence: { attachJson: async (name: string, value: unknown) => void attached.push({ name, value }) } } };
}

const capsOf = (settings: { maxAmount?: string; amountCap?: Record<string, number> }) => (currency: string) =>
  amountCapFor(settings, currency);

test.describe('the amount cap, before a payment page is submitted', () => {
  test('refuses a checkout session above REHEARSAL_MAX_AMOUNT, naming its amount_total', async () => {
    const { context } = evidence();
    const check = expectWithinAmountCap(
      provider,
      { payment: { kind: 'checkout_session', id: 'cs_test_1' }, capFor: capsOf({ maxAmount: '1000' }) },
      context,
    );
    await expect(check).rejects.toThrow(
      'Refusing to pay: checkout session cs_test_1 asks for 2000 usd (amount_total), above REHEARSAL_MAX_AMOUNT=1000; nothing was submitted.',
    );
  });

  test("refuses a payment intent above its currency's cap in rehearsal.config.ts, naming its amount", async () => {
    const { attached, context } = evidence();
    const check = expectWithinAmountCap(
      provider,
      { payment: { kind: 'payment_intent', id: 'pi_1' }, capFor: capsOf({ amountCap: { usd: 5000, jpy: 5000 } }) },
      context,
    );
    await expect(check).rejects.toThrow(
      'Refusing to pay: payment intent pi_1 asks for 6000 jpy (amount), above amountCap.jpy=5000 (rehearsal.config.ts); nothing was submitted.',
    );
    expect(attached).toEqual([
      {
        name: 'amount cap check (before paying)',
        value: { payment_intent: 'pi_1', amount: 6000, currency: 'jpy', max_amount: 5000, within_cap: false },
      },
    ]);
  });

  test('lets a payment within the cap through', async () => {
    const { context } = evidence();
    await expect(
      expectWithinAmountCap(
        provider,
        { payment: { kind: 'payment_intent', id: 'pi_1' }, capFor: capsOf({ amountCap: { jpy: 6000 } }) },
        context,
      ),
    ).resolves.toBeUndefined();
  });

  test('refuses a currency no cap names, and a page that does not say what it pays', async () => {
    const { context } = evidence();
    await expect(
      expectWithinAmountCap(
        provider,
        { payment: { kind: 'payment_intent', id: 'pi_1' }, capFor: capsOf({ amountCap: { usd: 5000 } }) },
        context,
      ),
    ).rejects.toThrow(
      'Refusing to pay: payment intent pi_1 asks for 6000 jpy, and no cap is set for jpy (set amountCap.jpy in rehearsal.config.ts, or REHEARSAL_MAX_AMOUNT); nothing was submitted.',
    );
    await expect(expectWithinAmountCap(provider, { payment: undefined, capFor: capsOf({ maxAmount: '1000' }) }, context)).rejects.toThrow(
      /^Refusing to pay: the payment page does not show which checkout session or payment intent it pays/,
    );
  });
});

test.describe("the target's flows with the cap", () => {
  const payment: PaymentReference = { kind: 'payment_intent', id: 'pi_1' };

  function flowsCalling(calls: string[]): TargetFlows {
    const called = (name: string) => async () => void calls.push(name);
    return {
      openReferralLink: async () => ({ url: '', clickId: '' }),
      startCheckout: called('startCheckout'),
      fillPayment: async () => ({ cardFields: [], payment }),
      submitPayment: called('submitPayment'),
      readOrder: async () => ({ orderId: 'ord_1', payment, status: 'paid', amountText: '¥6,000' }),
    };
  }

  test("checks the filled page's payment before paying, and pays only when the check passes", async () => {
    const calls: string[] = [];
    const checked: Array<PaymentReference | undefined> = [];
    const capped = withAmountCap(flowsCalling(calls), async (filled) => {
      checked.push(filled);
      throw new Error('above the cap');
    });
    await capped.fillPayment({ number: '', expiry: '', cvc: '' }, { email: '', name: '', billingCountry: 'JP', billingPostalCode: '' });
    await expect(capped.submitPayment()).rejects.toThrow('above the cap');
    expect(checked).toEqual([payment]);
    expect(calls, 'nothing was submitted').toEqual([]);
  });

  test('leaves the methods a target does not have absent, and keeps the others its own', async () => {
    const calls: string[] = [];
    const capped = withAmountCap(flowsCalling(calls), async () => undefined);
    expect(capped.submitPaymentExpectingDecline, 'a target without declines still has none').toBeUndefined();
    expect(capped.refundOrder).toBeUndefined();
    await capped.startCheckout('tea', { email: '', name: '', billingCountry: 'JP', billingPostalCode: '' });
    await capped.submitPayment();
    expect(calls).toEqual(['startCheckout', 'submitPayment']);
  });
});
