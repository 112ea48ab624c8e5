import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import {
  test,
  expect,
  uniq,
  uniqueEmail,
  completePaidSession,
  completeSubscriptionSession,
  getRawJson,
  idOf,
  type RunningTestProvider,
} from './support/fixtures';

/*
 * Fixture fidelity: a real object made through the SDK, fetched as raw JSON, must carry every top-level
 * field of Stripe's own example object (read at run time from reference data outside the repo), with the
 * same JSON type wherever both are non-null. Nothing from the reference file is copied here.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturesPath = process.env.STRIPE_FIXTURES_PATH || path.resolve(repoRoot, '../shared/reference/stripe-fixtures3.json');
const fixtures: Record<string, Record<string, unknown>> | null = existsSync(fixturesPath)
  ? (JSON.parse(readFileSync(fixturesPath, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources
  : null;

const SKIP_REASON = `Stripe fixtures not found at ${fixturesPath} (reference data outside the repo, present in CI): skipping fixture fidelity`;
if (!fixtures) console.warn(SKIP_REASON);

/**
 * Fields Stripe's example shows non-null that are legitimately null for the object as these tests make it,
 * with a one-word reason each. Anything else the sandbox returns as null (where Stripe's example is not) fails.
 */
const NULL_ALLOWED: Record<string, Record<string, string>> = {
  product: { package_dimensions: 'unset' },
  price: { custom_unit_amount: 'fixed', recurring: 'one_time', transform_quantity: 'unset' },
  customer: { discount: 'none', currency: 'unbilled' },
  'checkout.session': {
    url: 'complete',
    after_expiration: 'unset',
    consent: 'uncollected',
    consent_collection: 'unset',
    shipping_address_collection: 'unset',
    shipping_cost: 'unset',
    saved_payment_method_options: 'guest',
    payment_method_configuration_details: 'unconfigured',
    permissions: 'unset',
    wallet_options: 'unset',
    currency_conversion: 'unconverted',
    managed_payments: 'unmanaged',
    collected_information: 'uncollected',
    adaptive_pricing: 'disabled',
    invoice_creation: 'disabled',
  },
  payment_intent: {
    canceled_at: 'uncanceled',
    last_payment_error: 'succeeded',
    next_action: 'none',
    processing: 'settled',
    shipping: 'unset',
    transfer_data: 'unconnected',
    payment_method_configuration_details: 'unconfigured',
    managed_payments: 'unmanaged',
  },
  charge: { shipping: 'unset', transfer_data: 'unconnected', source: 'intent' },
  refund: {},
  event: {},
  webhook_endpoint: {},
  subscription: {
    billing_cycle_anchor_config: 'unanchored',
    cancel_at: 'uncanceled',
    canceled_at: 'uncanceled',
    ended_at: 'uncanceled',
    billing_thresholds: 'unset',
    managed_payments: 'unmanaged',
    next_pending_invoice_item_invoice: 'unset',
    pause_collection: 'unpaused',
    pending_invoice_item_interval: 'unset',
    pending_update: 'none',
    transfer_data: 'unconnected',
    trial_end: 'untrialed',
    trial_start: 'untrialed',
  },
  invoice: {
    due_date: 'automatic',
    from_invoice: 'original',
    last_finalization_error: 'finalized',
    next_payment_attempt: 'paid',
    shipping_cost: 'unshipped',
    shipping_details: 'unshipped',
    customer_shipping: 'unset',
  },
  line_item: {},
  'test_helpers.test_clock': {},
  payment_method: {},
  account: {},
};

type JsonType = 'null' | 'object' | 'array' | 'string' | 'number' | 'boolean';
function jsonType(v: unknown): JsonType {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'object' || t === 'string' || t === 'number' || t === 'boolean') return t;
  throw new Error(`not a JSON value: ${t}`);
}

function fidelityProblems(resource: string, actual: Record<string, unknown>): string[] {
  const example = fixtures?.[resource];
  if (!example) return [`no example for ${resource} in ${fixturesPath}`];
  const allowed = NULL_ALLOWED[resource] ?? {};
  const problems: string[] = [];
  for (const [field, exampleValue] of Object.entries(example)) {
    if (!(field in actual)) {
      problems.push(`${field}: missing (Stripe: ${jsonType(exampleValue)})`);
      continue;
    }
    const want = jsonType(exampleValue);
    const got = jsonType(actual[field]);
    if (want === 'null') continue;
    if (got === 'null') {
      if (!(field in allowed)) problems.push(`${field}: null (Stripe: ${want})`);
      continue;
    }
    if (got !== want) problems.push(`${field}: ${got} (Stripe: ${want})`);
  }
  return problems;
}

async function raw(provider: RunningTestProvider, pathname: string): Promise<Record<string, unknown>> {
  const { status, body } = await getRawJson(provider, pathname);
  expect(status, `GET ${pathname}`).toBe(200);
  return body;
}

async function paidIntent(stripe: Stripe): Promise<Stripe.PaymentIntent> {
  const customer = await stripe.customers.create({ email: uniqueEmail('fidelity') });
  return stripe.paymentIntents.create({
    amount: 2000,
    currency: 'usd',
    customer: customer.id,
    description: 'Rehearsal order',
    receipt_email: customer.email as string,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { order_id: 'ord_fidelity' },
  });
}

test.describe('fixture fidelity against Stripe example objects', () => {
  test.skip(!fixtures, SKIP_REASON);

  test('product carries every field of Stripe example product', async ({ stripe, provider }) => {
    const created = await stripe.products.create({
      name: uniq('Fidelity product'),
      description: 'Fidelity',
      images: ['https://shop.example.test/tshirt.png'],
      metadata: { slug: 'tshirt' },
    });
    const price = await stripe.prices.create({ product: created.id, unit_amount: 2000, currency: 'usd' });
    const product = await stripe.products.update(created.id, { default_price: price.id });
    expect(fidelityProblems('product', await raw(provider, `/v1/products/${product.id}`))).toEqual([]);
  });

  test('price carries every field of Stripe example price', async ({ stripe, provider }) => {
    const product = await stripe.products.create({ name: uniq('Fidelity priced') });
    const price = await stripe.prices.create({
      product: product.id,
      unit_amount: 2000,
      currency: 'usd',
      lookup_key: uniq('lk_fid'),
      nickname: 'Standard',
    });
    expect(fidelityProblems('price', await raw(provider, `/v1/prices/${price.id}`))).toEqual([]);
  });

  test('customer carries every field of Stripe example customer', async ({ stripe, provider }) => {
    const address = { line1: '1 Main St', city: 'Springfield', postal_code: '94103', country: 'US', state: 'CA' };
    const customer = await stripe.customers.create({
      email: uniqueEmail('fid'),
      name: 'Fidelity Buyer',
      phone: '+15555550100',
      description: 'fidelity',
      address,
      shipping: { name: 'Fidelity Buyer', address },
    });
    expect(fidelityProblems('customer', await raw(provider, `/v1/customers/${customer.id}`))).toEqual([]);
  });

  test('checkout.session carries every field of Stripe example checkout.session', async ({ stripe, provider }) => {
    const { session } = await completePaidSession(stripe, {
      customer_email: uniqueEmail('fid-cs'),
      client_reference_id: 'clk_fid',
      metadata: { order_id: 'o' },
    });
    expect(fidelityProblems('checkout.session', await raw(provider, `/v1/checkout/sessions/${session.id}`))).toEqual([]);
  });

  test('payment_intent carries every field of Stripe example payment_intent', async ({ stripe, provider }) => {
    const pi = await paidIntent(stripe);
    expect(fidelityProblems('payment_intent', await raw(provider, `/v1/payment_intents/${pi.id}`))).toEqual([]);
  });

  test('charge carries every field of Stripe example charge', async ({ stripe, provider }) => {
    const pi = await paidIntent(stripe);
    // `refunds` is includable on current API versions: ask for it as Stripe would need.
    const charge = await raw(provider, `/v1/charges/${idOf(pi.latest_charge)}?expand[]=refunds`);
    expect(fidelityProblems('charge', charge)).toEqual([]);
  });

  test('refund carries every field of Stripe example refund', async ({ stripe, provider }) => {
    const pi = await paidIntent(stripe);
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 500, reason: 'requested_by_customer' });
    expect(fidelityProblems('refund', await raw(provider, `/v1/refunds/${refund.id}`))).toEqual([]);
  });

  test('event carries every field of Stripe example event', async ({ stripe, provider }) => {
    const pi = await paidIntent(stripe);
    const events = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 100 });
    const event = events.data.find((e) => (e.data.object as { id: string }).id === pi.id);
    expect(event, `payment_intent.succeeded for ${pi.id}`).toBeDefined();
    expect(fidelityProblems('event', await raw(provider, `/v1/events/${event!.id}`))).toEqual([]);
  });

  test('webhook_endpoint carries every field of Stripe example webhook_endpoint', async ({ stripe, provider }) => {
    const ep = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/fidelity',
      enabled_events: ['charge.refunded'],
      description: 'fidelity',
    });
    try {
      expect(fidelityProblems('webhook_endpoint', await raw(provider, `/v1/webhook_endpoints/${ep.id}`))).toEqual([]);
    } finally {
      await stripe.webhookEndpoints.del(ep.id);
    }
  });

  test('subscription, invoice and line_item carry every field of Stripe examples', async ({ stripe, provider }) => {
    const customer = await stripe.customers.create({
      email: uniqueEmail('fid-sub'),
      name: 'Fidelity Subscriber',
      phone: '+15555550100',
      address: { line1: '1 Main St', city: 'Springfield', postal_code: '94103', country: 'US' },
    });
    const { session } = await completeSubscriptionSession(stripe, {
      customer: customer.id,
      subscription_data: { metadata: { order_id: 'o' } },
    });
    expect(fidelityProblems('subscription', await raw(provider, `/v1/subscriptions/${idOf(session.subscription)}`))).toEqual([]);
    expect(fidelityProblems('invoice', await raw(provider, `/v1/invoices/${idOf(session.invoice)}`))).toEqual([]);
    const lines = await raw(provider, `/v1/invoices/${idOf(session.invoice)}/lines`);
    expect(fidelityProblems('line_item', (lines.data as Record<string, unknown>[])[0] ?? {})).toEqual([]);
  });

  test('test clock and payment method carry every field of Stripe examples', async ({ stripe, provider }) => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000), name: 'fidelity' });
    expect(fidelityProblems('test_helpers.test_clock', await raw(provider, `/v1/test_helpers/test_clocks/${clock.id}`))).toEqual([]);
    const customer = await stripe.customers.create({ email: uniqueEmail('fid-pm'), test_clock: clock.id });
    const { session } = await completeSubscriptionSession(stripe, { customer: customer.id });
    const subscription = await stripe.subscriptions.retrieve(idOf(session.subscription) as string);
    const pm = await raw(provider, `/v1/payment_methods/${idOf(subscription.default_payment_method)}`);
    expect(fidelityProblems('payment_method', pm)).toEqual([]);
    await stripe.testHelpers.testClocks.del(clock.id);
  });

  test('account carries every field of Stripe example account', async ({ provider }) => {
    const account = await raw(provider, '/v1/account');
    expect(fidelityProblems('account', account)).toEqual([]);
    // The live guard reads these nested fields: the sandbox has every one Stripe's example shows.
    for (const field of ['settings', 'business_profile'] as const) {
      const example = (fixtures?.account?.[field] ?? {}) as Record<string, unknown>;
      const actual = account[field] as Record<string, unknown>;
      expect(
        Object.keys(example).filter((key) => !(key in actual)),
        `${field} fields missing`,
      ).toEqual([]);
    }
  });

  test('reports a missing or mistyped field (self-check of the comparison)', () => {
    const example = fixtures?.product ?? {};
    const fields = Object.keys(example);
    expect(fields.length).toBeGreaterThan(5);
    const faithful = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, v]));
    expect(fidelityProblems('product', faithful)).toEqual([]);
    const broken: Record<string, unknown> = { ...faithful };
    delete broken.id;
    broken.active = 'yes';
    expect(fidelityProblems('product', broken).sort()).toEqual(['active: string (Stripe: boolean)', 'id: missing (Stripe: string)']);
    expect(fidelityProblems('product', { ...faithful, description: null })).toEqual(['description: null (Stripe: string)']);
    expect(fidelityProblems('product', { ...faithful, package_dimensions: null })).toEqual([]);
  });
});
