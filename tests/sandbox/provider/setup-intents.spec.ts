import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { test, expect, getRawJson, idOf, rejectionOf, sdkClient, uniqueEmail, type RunningTestProvider } from './support/fixtures';

const RETURN_URL = 'https://shop.example.test/cards/saved';
const SETUP_EVENTS = [
  'setup_intent.created',
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
  'setup_intent.canceled',
  'payment_method.attached',
];

/** The provider's events of these types that mention `id`, oldest first. */
async function eventsAbout(stripe: Stripe, id: string, types = SETUP_EVENTS): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ types, limit: 100 })).data.reverse();
  return events.filter((e) => JSON.stringify(e.data.object).includes(id));
}

/** A client pinned to an older API version (stripe-node sends it as `Stripe-Version`). */
function pinned(provider: RunningTestProvider, apiVersion: string): Stripe {
  return sdkClient(provider, provider.secretKey, { apiVersion: apiVersion as Stripe.StripeConfig['apiVersion'] });
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturesPath = process.env.STRIPE_FIXTURES_PATH || path.resolve(repoRoot, '../shared/reference/stripe-fixtures3.json');

test.describe('setup intents', () => {
  test('creates one awaiting a payment method, with dynamic payment methods on by default and setup_intent.created', async ({
    stripe,
    provider,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('seti') });
    const si = await stripe.setupIntents.create({ customer: customer.id, metadata: { cart: 'c1' }, description: 'save a card' });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      customer: customer.id,
      usage: 'off_session',
      payment_method: null,
      automatic_payment_methods: { enabled: true, allow_redirects: 'always' },
      payment_method_types: ['card'],
      livemode: false,
      metadata: { cart: 'c1' },
      description: 'save a card',
      last_setup_error: null,
      next_action: null,
      mandate: null,
    });
    expect((await eventsAbout(stripe, si.id)).map((e) => e.type)).toEqual(['setup_intent.created']);
    expect(await stripe.setupIntents.retrieve(si.id)).toMatchObject({ id: si.id, status: 'requires_payment_method' });

    // Every top-level field of Stripe's example object (reference data outside the repo, when present).
    if (existsSync(fixturesPath)) {
      const example = (JSON.parse(readFileSync(fixturesPath, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources
        .setup_intent!;
      const raw = await getRawJson(provider, `/v1/setup_intents/${si.id}`);
      expect(Object.keys(raw.body).sort()).toEqual(expect.arrayContaining(Object.keys(example).sort()));
    }
  });

  test('confirms with pm_card_visa: the card becomes a new pm_ attached to the customer, then setup_intent.succeeded', async ({
    stripe,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('seti-ok') });
    const si = await stripe.setupIntents.create({ customer: customer.id, usage: 'on_session' });
    const done = await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa', return_url: RETURN_URL });
    const pm = idOf(done.payment_method) as string;
    expect(done).toMatchObject({ status: 'succeeded', usage: 'on_session', last_setup_error: null });
    expect(pm).toMatch(/^pm_/);
    expect(pm).not.toBe('pm_card_visa');
    expect(await stripe.paymentMethods.retrieve(pm)).toMatchObject({ customer: customer.id, type: 'card', card: { last4: '4242' } });
    const saved = await stripe.customers.listPaymentMethods(customer.id);
    expect(saved.data.map((p) => p.id)).toEqual([pm]);
    const events = await eventsAbout(stripe, si.id, ['setup_intent.created', 'setup_intent.succeeded']);
    expect(events.map((e) => e.type)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
    const attached = await eventsAbout(stripe, pm, ['payment_method.attached']);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.created).toBeLessThanOrEqual(events[1]!.created);
  });

  test('create with payment_method waits in requires_confirmation; confirm: true with allow_redirects never needs no return_url', async ({
    stripe,
  }) => {
    const pending = await stripe.setupIntents.create({
      payment_method: 'pm_card_visa',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(pending.status).toBe('requires_confirmation');
    expect(idOf(pending.payment_method)).toMatch(/^pm_/);
    expect((await stripe.setupIntents.confirm(pending.id)).status).toBe('succeeded');

    const once = await stripe.setupIntents.create({
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(once.status).toBe('succeeded');
    // No customer: the card is saved but attached to nobody.
    expect((await stripe.paymentMethods.retrieve(idOf(once.payment_method) as string)).customer).toBeNull();
  });

  test('refuses to confirm without a return_url while dynamic payment methods may redirect (since 2023-08-16)', async ({ stripe }) => {
    const si = await stripe.setupIntents.create({});
    const err = await rejectionOf(stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.message).toMatch(/^A `return_url` must be specified because this Setup Intent is configured to automatically accept/);
    // A refused confirmation changes nothing: the card was not set on the intent.
    expect(await stripe.setupIntents.retrieve(si.id)).toMatchObject({ status: 'requires_payment_method', payment_method: null });
    const refused = await rejectionOf(stripe.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true }));
    expect(refused.message).toMatch(/^A `return_url` must be specified/);
  });

  test('pinned to 2020-08-27: cards only without automatic_payment_methods, payment_method_types accepted, no return_url needed', async ({
    provider,
  }) => {
    const old = pinned(provider, '2020-08-27');
    const si = await old.setupIntents.create({});
    expect(si).toMatchObject({ automatic_payment_methods: null, payment_method_types: ['card'] });
    expect((await old.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' })).status).toBe('succeeded');
    const typed = await old.setupIntents.create({ payment_method_types: ['card'] } as Stripe.SetupIntentCreateParams);
    expect(typed).toMatchObject({ payment_method_types: ['card'], automatic_payment_methods: null });
  });

  test('payment_method_types is refused from 2026-09-30.endive on; allowed_payment_method_types only exists from 2026-07-29.dahlia', async ({
    stripe,
    provider,
  }) => {
    const err = await rejectionOf(stripe.setupIntents.create({ payment_method_types: ['card'] } as Stripe.SetupIntentCreateParams));
    expect(err).toMatchObject({ statusCode: 400, code: 'payment_method_types_no_longer_supported', param: 'payment_method_types' });
    const allowed = await stripe.setupIntents.create({ allowed_payment_method_types: ['card'] });
    expect(allowed).toMatchObject({
      allowed_payment_method_types: ['card'],
      payment_method_types: ['card'],
      automatic_payment_methods: null,
    });

    const basil = pinned(provider, '2025-03-31.basil');
    const unknown = await rejectionOf(basil.setupIntents.create({ allowed_payment_method_types: ['card'] }));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'allowed_payment_method_types' });
    expect(
      (await basil.setupIntents.create({ payment_method_types: ['card'] } as Stripe.SetupIntentCreateParams)).payment_method_types,
    ).toEqual(['card']);
  });

  test('a declining card fails the setup: 402 with the intent, last_setup_error, setup_intent.setup_failed, nothing attached', async ({
    stripe,
  }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('seti-decline') });
    const si = await stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const err = await rejectionOf(stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_chargeDeclined' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(err.setup_intent).toMatchObject({ id: si.id, status: 'requires_payment_method', payment_method: null });
    const after = await stripe.setupIntents.retrieve(si.id);
    expect(after.last_setup_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    });
    expect(after.last_setup_error?.payment_method?.card?.last4).toBe('0002');
    expect((await eventsAbout(stripe, si.id)).map((e) => e.type)).toEqual(['setup_intent.created', 'setup_intent.setup_failed']);
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);

    // The card that attaches and then fails its charges (4000000000000341) is saved, as at Stripe.
    const retried = await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_chargeCustomerFail' });
    expect(retried).toMatchObject({ status: 'succeeded', last_setup_error: null });
  });

  test('state errors: confirming twice, canceling a succeeded intent, confirming without a payment method', async ({ stripe }) => {
    const si = await stripe.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true, return_url: RETURN_URL });
    const twice = await rejectionOf(stripe.setupIntents.confirm(si.id, { return_url: RETURN_URL }));
    expect(twice).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state' });
    expect(twice.setup_intent?.id).toBe(si.id);
    const cancel = await rejectionOf(stripe.setupIntents.cancel(si.id));
    expect(cancel).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state' });
    expect(cancel.message).toMatch(/status of succeeded/);

    const empty = await stripe.setupIntents.create({});
    const missing = await rejectionOf(stripe.setupIntents.confirm(empty.id, { return_url: RETURN_URL }));
    expect(missing).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state', param: 'payment_method' });
    expect(await rejectionOf(stripe.setupIntents.retrieve('seti_nope'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
    });
    expect(await rejectionOf(stripe.setupIntents.create({ customer: 'cus_nope' }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'customer',
    });
    expect(await rejectionOf(stripe.setupIntents.create({ payment_method: 'pm_nope' }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'payment_method',
    });
  });

  test('cancels an unfinished intent with its reason (setup_intent.canceled) and then refuses to confirm it', async ({ stripe }) => {
    const si = await stripe.setupIntents.create({ payment_method: 'pm_card_visa' });
    const canceled = await stripe.setupIntents.cancel(si.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect((await eventsAbout(stripe, si.id)).map((e) => e.type)).toEqual(['setup_intent.created', 'setup_intent.canceled']);
    const err = await rejectionOf(stripe.setupIntents.confirm(si.id, { return_url: RETURN_URL }));
    expect(err).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state' });
  });

  test('updates metadata, description and the customer; lists by customer newest first', async ({ stripe }) => {
    const customer = await stripe.customers.create({ email: uniqueEmail('seti-list') });
    const first = await stripe.setupIntents.create({ customer: customer.id });
    const second = await stripe.setupIntents.create({});
    const updated = await stripe.setupIntents.update(second.id, { customer: customer.id, metadata: { step: '2' }, description: 'later' });
    expect(updated).toMatchObject({ customer: customer.id, metadata: { step: '2' }, description: 'later' });
    const listed = await stripe.setupIntents.list({ customer: customer.id });
    expect(listed.data.map((s) => s.id)).toEqual([second.id, first.id]);

    const done = await stripe.setupIntents.confirm(first.id, { payment_method: 'pm_card_visa', return_url: RETURN_URL });
    const err = await rejectionOf(stripe.setupIntents.update(done.id, { payment_method: 'pm_card_visa' }));
    expect(err).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state', param: 'payment_method' });
    expect((await stripe.setupIntents.list({ payment_method: idOf(done.payment_method) as string })).data.map((s) => s.id)).toEqual([
      first.id,
    ]);
  });
});
