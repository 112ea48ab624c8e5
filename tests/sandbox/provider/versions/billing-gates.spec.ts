import type Stripe from 'stripe';
import { expect, test, uniq } from '../support/fixtures';
import { aroundGate, paidSubscription } from './pinnedClients';

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose => value as Loose;

const INVOICE_FIELDS_BEFORE_BASIL = [
  'application_fee_amount',
  'charge',
  'discount',
  'paid',
  'paid_out_of_band',
  'payment_intent',
  'quote',
  'subscription',
  'subscription_details',
  'tax',
  'total_tax_amounts',
  'transfer_data',
];
const LINE_FIELDS_BEFORE_BASIL = [
  'amount_excluding_tax',
  'invoice_item',
  'price',
  'proration',
  'proration_details',
  'subscription_item',
  'tax_amounts',
  'tax_rates',
  'type',
  'unit_amount_excluding_tax',
];

test.describe('API version gates: invoices, subscriptions, prices and products', () => {
  test('2025-03-31.basil: before it an invoice carries paid, payment_intent, charge and subscription; from it they live under payments and parent', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const { subscription, invoice, intentId } = await paidSubscription(stripe);
    const chargeId = (await stripe.paymentIntents.retrieve(intentId)).latest_charge;

    const old = loose(await before.invoices.retrieve(invoice.id));
    expect(old).toMatchObject({
      paid: true,
      paid_out_of_band: false,
      payment_intent: intentId,
      charge: chargeId,
      subscription: subscription.id,
      subscription_details: { metadata: {} },
      discount: null,
      total_tax_amounts: [],
    });
    // What a merchant on an old version does with it: expand the payment intent of its subscription's latest invoice.
    const withIntent = await before.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice.payment_intent'] });
    expect(loose(loose(withIntent.latest_invoice).payment_intent)).toMatchObject({
      id: intentId,
      object: 'payment_intent',
      status: 'succeeded',
      invoice: invoice.id,
    });

    const current = loose(await after.invoices.retrieve(invoice.id, { expand: ['payments'] }));
    // `subscription` stays, null: Stripe's own example invoice of today still shows it so (stripe/openapi fixtures3.json).
    for (const field of INVOICE_FIELDS_BEFORE_BASIL.filter((f) => f !== 'subscription')) expect(current, field).not.toHaveProperty(field);
    expect(current.subscription ?? null).toBeNull();
    expect((current.parent as Stripe.Invoice.Parent).subscription_details?.subscription).toBe(subscription.id);
    expect((current.payments as Stripe.ApiList<Stripe.InvoicePayment>).data[0]!.payment.payment_intent).toBe(intentId);
  });

  test('2025-03-31.basil: before it an invoice line names its price, type and subscription item; from it, pricing and parent', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const { subscription, invoice } = await paidSubscription(stripe);
    const item = subscription.items.data[0]!;

    const oldLine = loose((await before.invoices.listLineItems(invoice.id)).data[0]);
    expect(oldLine).toMatchObject({
      object: 'line_item',
      type: 'subscription',
      subscription: subscription.id,
      subscription_item: item.id,
      proration: false,
      proration_details: { credited_items: null },
      amount_excluding_tax: 1200,
      unit_amount_excluding_tax: '1200',
      tax_amounts: [],
      tax_rates: [],
    });
    expect(oldLine, 'a subscription line names no invoice item (optional, never null, in the 2023-08-16 spec)').not.toHaveProperty(
      'invoice_item',
    );
    expect(oldLine.price).toMatchObject({
      id: item.price.id,
      object: 'price',
      unit_amount: 1200,
      recurring: { interval: 'month', aggregate_usage: null },
    });

    const line = loose((await after.invoices.listLineItems(invoice.id)).data[0]);
    for (const field of LINE_FIELDS_BEFORE_BASIL) expect(line, field).not.toHaveProperty(field);
    expect((line.pricing as Stripe.InvoiceLineItem.Pricing).price_details?.price).toBe(item.price.id);
    expect((line.parent as Stripe.InvoiceLineItem.Parent).subscription_item_details?.subscription_item).toBe(item.id);
  });

  test("2025-03-31.basil: before it a subscription has current_period_start/end (its items' period) and discount; from it only its items have the period", async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const { subscription } = await paidSubscription(stripe);
    const item = subscription.items.data[0]!;

    const old = loose(await before.subscriptions.retrieve(subscription.id));
    expect(old).toMatchObject({
      current_period_start: item.current_period_start,
      current_period_end: item.current_period_end,
      discount: null,
      billing_thresholds: null,
    });
    expect((old.items as Stripe.ApiList<Stripe.SubscriptionItem>).data[0]).toMatchObject({ billing_thresholds: null });
    // Lists render each item too.
    const listed = loose((await before.subscriptions.list({ customer: subscription.customer as string })).data[0]);
    expect(listed.current_period_end).toBe(item.current_period_end);

    const current = loose(await after.subscriptions.retrieve(subscription.id));
    expect(current).not.toHaveProperty('current_period_start');
    expect(current).not.toHaveProperty('current_period_end');
    expect(current).not.toHaveProperty('discount');
    expect((current.items as Stripe.ApiList<Stripe.SubscriptionItem>).data[0]!.current_period_end).toBe(item.current_period_end);
  });

  test('2025-03-31.basil: before it a recurring price has recurring.aggregate_usage; from it not', async ({ provider, stripe }) => {
    const { before, after } = aroundGate(provider, '2025-03-31.basil');
    const product = await stripe.products.create({ name: uniq('Metered?') });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });

    expect((await before.prices.retrieve(price.id)).recurring).toMatchObject({
      interval: 'month',
      usage_type: 'licensed',
      aggregate_usage: null,
    });
    expect((await after.prices.retrieve(price.id)).recurring).not.toHaveProperty('aggregate_usage');
  });

  test('2024-04-10: before it an invoice has rendering_options and a product features; from it rendering only and marketing_features', async ({
    provider,
    stripe,
  }) => {
    const { before, after } = aroundGate(provider, '2024-04-10');
    const { invoice } = await paidSubscription(stripe);
    expect(await before.invoices.retrieve(invoice.id)).toHaveProperty('rendering_options', null);
    expect(await after.invoices.retrieve(invoice.id)).not.toHaveProperty('rendering_options');

    const product = await stripe.products.create({ name: uniq('Feature list') });
    const oldProduct = loose(await before.products.retrieve(product.id));
    expect(oldProduct.features).toEqual([]);
    expect(oldProduct).not.toHaveProperty('marketing_features');
    const currentProduct = loose(await after.products.retrieve(product.id));
    expect(currentProduct.marketing_features).toEqual([]);
    expect(currentProduct).not.toHaveProperty('features');
  });
});
