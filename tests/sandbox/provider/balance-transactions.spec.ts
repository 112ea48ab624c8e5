import Stripe from 'stripe';
import { test, expect, idOf, rejectionOf, uniqueEmail } from './support/fixtures';

async function paidIntent(stripe: Stripe, amount = 2000): Promise<{ pi: Stripe.PaymentIntent; chargeId: string }> {
  const pi = await stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    description: 'Rehearsal order',
    receipt_email: uniqueEmail('receipt'),
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  expect(pi.status).toBe('succeeded');
  return { pi, chargeId: idOf(pi.latest_charge) as string };
}

test.describe('balance transactions and receipts', () => {
  test('records a balance transaction for a succeeded charge and for its refund', async ({ stripe }) => {
    const { chargeId } = await paidIntent(stripe, 2000);
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge.balance_transaction).toMatch(/^txn_/);

    const txn = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string);
    expect(txn).toMatchObject({
      id: charge.balance_transaction,
      object: 'balance_transaction',
      amount: 2000,
      currency: 'usd',
      fee: 0,
      fee_details: [],
      net: 2000,
      status: 'available',
      type: 'charge',
      reporting_category: 'charge',
      source: chargeId,
      description: 'Rehearsal order',
      exchange_rate: null,
    });
    expect(txn.available_on).toBeGreaterThanOrEqual(txn.created);

    // Expanded through the generic expand machinery, on the charge and back to the charge.
    const expanded = await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction', 'balance_transaction.source'] });
    const expandedTxn = expanded.balance_transaction as Stripe.BalanceTransaction;
    expect(expandedTxn).toMatchObject({ id: txn.id, object: 'balance_transaction', amount: 2000 });
    expect((expandedTxn.source as Stripe.Charge).id).toBe(chargeId);

    const refund = await stripe.refunds.create({ charge: chargeId, amount: 500 });
    expect(refund.balance_transaction).toMatch(/^txn_/);
    expect(refund.balance_transaction).not.toBe(txn.id);
    const refundTxn = await stripe.balanceTransactions.retrieve(refund.balance_transaction as string);
    expect(refundTxn).toMatchObject({
      object: 'balance_transaction',
      amount: -500,
      currency: 'usd',
      fee: 0,
      fee_details: [],
      net: -500,
      status: 'available',
      type: 'refund',
      reporting_category: 'refund',
      source: refund.id,
    });
    const refundExpanded = await stripe.refunds.retrieve(refund.id, { expand: ['balance_transaction'] });
    expect((refundExpanded.balance_transaction as Stripe.BalanceTransaction).id).toBe(refundTxn.id);

    // The charge keeps its own balance transaction after a refund.
    expect((await stripe.charges.retrieve(chargeId)).balance_transaction).toBe(txn.id);

    // List filters: source, type, created.
    const bySource = await stripe.balanceTransactions.list({ source: chargeId });
    expect(bySource.data.map((t) => t.id)).toEqual([txn.id]);
    const refundsOnly = await stripe.balanceTransactions.list({ type: 'refund', limit: 100 });
    expect(refundsOnly.data.map((t) => t.id)).toContain(refundTxn.id);
    expect(refundsOnly.data.every((t) => t.type === 'refund')).toBe(true);
    const recent = await stripe.balanceTransactions.list({ created: { gte: txn.created }, limit: 100 });
    expect(recent.data.map((t) => t.id)).toEqual(expect.arrayContaining([txn.id, refundTxn.id]));
    const none = await stripe.balanceTransactions.list({ created: { lt: txn.created }, source: chargeId });
    expect(none.data).toEqual([]);

    const missing = await rejectionOf(stripe.balanceTransactions.retrieve('txn_doesnotexist'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  });

  test("serves the charge's receipt", async ({ stripe, provider }) => {
    const { chargeId } = await paidIntent(stripe, 2500);
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge.receipt_url).toBe(`${provider.url}/receipts/${chargeId}`);

    // A public link: no API key.
    const page = await fetch(charge.receipt_url as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('data-testid="receipt-amount">$25.00<');
    expect(html).toContain('data-testid="receipt-currency">USD<');
    expect(html).toContain('data-testid="receipt-last4">4242<');
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(charge.created * 1000));
    expect(html).toContain(date);
    expect(html).not.toContain('receipt-refunded');
    expect(html).not.toContain('4242424242424242');

    await stripe.refunds.create({ charge: chargeId, amount: 1000 });
    const afterRefund = await (await fetch(charge.receipt_url as string)).text();
    expect(afterRefund).toContain('data-testid="receipt-refunded">$10.00<');

    const unknown = await fetch(`${provider.url}/receipts/ch_doesnotexist`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await unknown.text()).toContain('data-testid="receipt-missing"');
  });
});
