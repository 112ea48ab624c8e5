import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { startProvider } from '../../../sandbox/provider';
import {
  PORTAL_LINK_SESSION_MS,
  PORTAL_LINK_UNVISITED_MS,
  portalLinkOpen,
  visitPortalLink,
  type PortalLink,
} from '../../../sandbox/provider/portal/portalLinks';
import { CARDS, idOf, rejectionOf } from './support/fixtures';
import { test, expect } from './support/providerLab';
import { eventsAbout, futureExpiry, portalGet, portalPost, subscribedCustomer } from './support/portalSupport';

// Stripe's customer portal through the official SDK: sessions, the default configuration, and what the hosted
// portal's forms do to the customer's subscription and card (the page itself: tests/src/run/pages/stripe-customer-portal.spec.ts).

const RETURN_URL = 'https://shop.example.test/account';
const SUBSCRIPTION_EVENTS = ['customer.subscription.updated', 'customer.subscription.deleted'];
const SESSION_KEYS = [
  'after_expiration',
  'configuration',
  'created',
  'customer',
  'customer_account',
  'flow',
  'id',
  'livemode',
  'locale',
  'object',
  'on_behalf_of',
  'return_url',
  'url',
];

test.describe('billing_portal.sessions.create', () => {
  test('answers a bps_ session on the default configuration, with a short-lived portal URL at the provider', async ({ lab }) => {
    const { stripe, provider } = lab;
    const { customer } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL });

    expect(
      Object.keys(session)
        .filter((key) => key !== 'lastResponse')
        .sort(),
    ).toEqual(SESSION_KEYS);
    const [defaultConfiguration] = (await stripe.billingPortal.configurations.list({ is_default: true })).data;
    expect(session).toMatchObject({
      object: 'billing_portal.session',
      configuration: defaultConfiguration?.id,
      customer: customer.id,
      customer_account: null,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: RETURN_URL,
    });
    expect(session.id).toMatch(/^bps_/);
    expect(session.url).toMatch(new RegExp(`^${provider.url}/p/session/test_[A-Za-z0-9]+$`));
    expect(await eventsAbout(stripe, session.id, ['billing_portal.session.created'])).toHaveLength(1);

    const expanded = await stripe.billingPortal.sessions.create({ customer: customer.id, expand: ['configuration'] });
    expect(expanded.configuration).toMatchObject({ id: defaultConfiguration?.id, object: 'billing_portal.configuration' });
    expect(expanded.return_url, 'no return_url and no default_return_url: null, and the portal shows no return link').toBeNull();
  });

  test("refuses a missing or unknown customer, an unknown configuration and a return_url that is not a URL, as Stripe's errors", async ({
    lab,
  }) => {
    const { stripe } = lab;
    const { customer } = await subscribedCustomer(stripe);

    const missing = await rejectionOf(stripe.billingPortal.sessions.create({}));
    expect(missing).toMatchObject({ type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'customer', statusCode: 400 });
    const unknown = await rejectionOf(stripe.billingPortal.sessions.create({ customer: 'cus_doesnotexist' }));
    expect(unknown).toMatchObject({
      code: 'resource_missing',
      param: 'customer',
      statusCode: 404,
      message: "No such customer: 'cus_doesnotexist'",
    });
    const configuration = await rejectionOf(
      stripe.billingPortal.sessions.create({ customer: customer.id, configuration: 'bpc_doesnotexist' }),
    );
    expect(configuration).toMatchObject({ code: 'resource_missing', param: 'configuration', statusCode: 404 });
    const badUrl = await rejectionOf(stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'account page' }));
    expect(badUrl).toMatchObject({ code: 'url_invalid', param: 'return_url', statusCode: 400 });
    const connect = await rejectionOf(stripe.billingPortal.sessions.create({ customer: customer.id, on_behalf_of: 'acct_123' }));
    expect(connect).toMatchObject({ param: 'on_behalf_of', statusCode: 400 });
    expect(connect.message).toMatch(/sandbox provider does not emulate/);
  });

  test('a session of a live-mode provider is livemode, its URL live_, its page without the TEST MODE badge', async () => {
    const provider = await startProvider({ port: 0, mode: 'live' });
    try {
      const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(new URL(provider.url).port), protocol: 'http' });
      const customer = await stripe.customers.create({ email: 'live-portal@example.test' });
      const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL });
      expect(session.livemode).toBe(true);
      expect(session.url).toMatch(/\/p\/session\/live_/);
      const page = await portalGet(session.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Current plan');
      expect(page.body).not.toContain('TEST MODE');
      expect((await stripe.billingPortal.configurations.retrieve(session.configuration as string)).livemode).toBe(true);
    } finally {
      await provider.close();
    }
  });
});

// Stripe's example objects (reference data outside the repo, read at run time; nothing copied from it).
const fixturesPath =
  process.env.STRIPE_FIXTURES_PATH ||
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/reference/stripe-fixtures3.json');

test("a session and a configuration carry every field of Stripe's example objects", async ({ lab }) => {
  test.skip(!existsSync(fixturesPath), `Stripe fixtures not found at ${fixturesPath}`);
  const fixtures = (JSON.parse(readFileSync(fixturesPath, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources;
  const { customer } = await subscribedCustomer(lab.stripe);
  const session = await lab.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL });
  const configuration = await lab.stripe.billingPortal.configurations.retrieve(session.configuration as string);
  const keys = (object: object) => Object.keys(object).filter((key) => key !== 'lastResponse');
  expect(keys(session)).toEqual(expect.arrayContaining(Object.keys(fixtures['billing_portal.session']!)));
  const example = fixtures['billing_portal.configuration']!;
  expect(keys(configuration)).toEqual(expect.arrayContaining(Object.keys(example)));
  for (const [feature, fields] of Object.entries(example.features as Record<string, object>)) {
    expect(keys((configuration.features as unknown as Record<string, object>)[feature]!), `features.${feature}`).toEqual(
      expect.arrayContaining(Object.keys(fields)),
    );
  }
});

test.describe('billing_portal.configurations', () => {
  test('the default configuration lets customers cancel at the end of the period, update their card and see invoices', async ({ lab }) => {
    const { stripe } = lab;
    const list = await stripe.billingPortal.configurations.list();
    expect(list.data).toHaveLength(1);
    const configuration = list.data[0]!;
    expect(configuration).toMatchObject({
      object: 'billing_portal.configuration',
      is_default: true,
      active: true,
      livemode: false,
      default_return_url: null,
      application: null,
    });
    expect(configuration.id).toMatch(/^bpc_/);
    expect(configuration.features).toMatchObject({
      invoice_history: { enabled: true },
      payment_method_update: { enabled: true, payment_method_configuration: null },
      subscription_cancel: { enabled: true, mode: 'at_period_end', proration_behavior: 'none', cancellation_reason: { enabled: true } },
      subscription_update: { enabled: false },
    });
    expect(await stripe.billingPortal.configurations.retrieve(configuration.id)).toEqual(
      expect.objectContaining({ id: configuration.id, features: configuration.features }),
    );
    expect(await rejectionOf(stripe.billingPortal.configurations.retrieve('bpc_doesnotexist'))).toMatchObject({
      code: 'resource_missing',
      statusCode: 404,
    });
  });

  test('update switches cancellation to "immediately", as the dashboard setting does, and writes billing_portal.configuration.updated', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const [configuration] = (await stripe.billingPortal.configurations.list({ is_default: true })).data;
    const updated = await stripe.billingPortal.configurations.update(configuration!.id, {
      features: { subscription_cancel: { mode: 'immediately' } },
    });
    expect(updated.features.subscription_cancel).toMatchObject({ enabled: true, mode: 'immediately' });
    expect(updated.features.invoice_history.enabled, 'the other features stay as they were').toBe(true);
    const [event] = await eventsAbout(stripe, configuration!.id, ['billing_portal.configuration.updated']);
    expect(
      (event?.data.previous_attributes as { features?: Stripe.BillingPortal.Configuration.Features })?.features?.subscription_cancel.mode,
    ).toBe('at_period_end');

    const wrong = await rejectionOf(
      stripe.billingPortal.configurations.update(configuration!.id, { features: { subscription_cancel: { mode: 'someday' } } }),
    );
    expect(wrong).toMatchObject({ param: 'features[subscription_cancel][mode]', statusCode: 400 });
    expect(
      (await stripe.billingPortal.configurations.retrieve(configuration!.id)).features.subscription_cancel.mode,
      'a refused update changes nothing',
    ).toBe('immediately');
  });

  test('create needs features; a created configuration is not the default and gives its default_return_url to sessions', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const missing = await rejectionOf(stripe.billingPortal.configurations.create({} as Stripe.BillingPortal.ConfigurationCreateParams));
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'features' });
    const created = await stripe.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
      business_profile: { headline: 'Rehearsal club billing' },
      default_return_url: RETURN_URL,
    });
    expect(created).toMatchObject({
      is_default: false,
      default_return_url: RETURN_URL,
      business_profile: { headline: 'Rehearsal club billing' },
    });
    expect(created.features.subscription_cancel.enabled, 'a feature not given is off').toBe(false);
    expect((await stripe.billingPortal.configurations.list({ is_default: false })).data.map((c) => c.id)).toEqual([created.id]);

    const { customer } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id, configuration: created.id });
    expect(session).toMatchObject({ configuration: created.id, return_url: RETURN_URL });
    const page = await portalGet(session.url);
    expect(page.body).toContain('Rehearsal club billing');
    expect(page.body, 'cancellation is off in this configuration').not.toContain('data-test="cancel-subscription"');
  });
});

test.describe('the hosted portal', () => {
  test('cancel at the end of the period: cancel_at_period_end, customer.subscription.updated, the reason, then Renew takes it back', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const { customer, subscription } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL });
    const earlier = (await eventsAbout(stripe, subscription.id, SUBSCRIPTION_EVENTS)).length;
    const home = await portalGet(session.url);
    expect(home.body).toContain('Your plan renews on');

    const confirm = await portalGet(`${session.url}/subscriptions/${subscription.id}/cancel`);
    expect(confirm.body).toMatch(/still available until the end of your billing period/);
    const cancelled = await portalPost(session.url, `/subscriptions/${subscription.id}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(cancelled.location, 'the portal asks why (cancellation reasons are on)').toMatch(/\/cancellation_reason$/);

    const pending = await stripe.subscriptions.retrieve(subscription.id);
    expect(pending).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(pending.cancel_at).toBe(pending.items.data[0]?.current_period_end);
    const [updated] = (await eventsAbout(stripe, subscription.id, SUBSCRIPTION_EVENTS)).slice(earlier);
    expect(updated).toMatchObject({ type: 'customer.subscription.updated', request: { id: null, idempotency_key: null } });
    expect(updated?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });

    await portalPost(session.url, `/subscriptions/${subscription.id}/cancellation_reason`, { reason: 'too_expensive' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancellation_details?.feedback).toBe('too_expensive');
    expect((await portalGet(session.url)).body).toContain('Your plan will be canceled on');

    await portalPost(session.url, `/subscriptions/${subscription.id}/renew`);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({
      status: 'active',
      cancel_at_period_end: false,
      cancel_at: null,
    });
    const types = (await eventsAbout(stripe, subscription.id, SUBSCRIPTION_EVENTS)).slice(earlier).map((e) => e.type);
    expect(types, 'cancel, reason, renew').toEqual([
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.updated',
    ]);
  });

  test('cancel now (configuration mode "immediately"): the subscription is canceled and customer.subscription.deleted written', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const [configuration] = (await stripe.billingPortal.configurations.list({ is_default: true })).data;
    await stripe.billingPortal.configurations.update(configuration!.id, {
      features: { subscription_cancel: { mode: 'immediately', cancellation_reason: { enabled: false } } },
    });
    const { customer, subscription } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL });
    const earlier = (await eventsAbout(stripe, subscription.id, SUBSCRIPTION_EVENTS)).length;
    expect((await portalGet(`${session.url}/subscriptions/${subscription.id}/cancel`)).body).toContain('will be canceled immediately');

    const cancelled = await portalPost(session.url, `/subscriptions/${subscription.id}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(new URL(cancelled.location ?? '', session.url).pathname).toBe(new URL(session.url).pathname);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', cancellation_details: { reason: 'cancellation_requested' } });
    expect(ended.ended_at).not.toBeNull();
    const types = (await eventsAbout(stripe, subscription.id, SUBSCRIPTION_EVENTS)).slice(earlier).map((e) => e.type);
    expect(types).toEqual(['customer.subscription.deleted']);
    expect((await portalGet(session.url)).body).toContain('You have no current plan.');
  });

  test('a new card becomes the default of the customer and of its subscription; a declined card is refused and saves nothing', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const { customer, subscription, card } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id });
    const form = { cardExpiry: futureExpiry(), cardCvc: '123', billingCountry: 'US', billingPostalCode: '94103' };

    const declined = await portalPost(session.url, '/payment-methods', { ...form, cardNumber: CARDS.genericDecline });
    expect(declined.status).toBe(402);
    expect(declined.body).toContain('Your card was declined.');
    expect(declined.body, 'the number is never echoed').not.toContain(CARDS.genericDecline);
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data.map((m) => m.id)).toEqual([card.id]);

    const saved = await portalPost(session.url, '/payment-methods', { ...form, cardNumber: '4242 4242 4242 4242' });
    expect(saved.status).toBe(303);
    const methods = (await stripe.paymentMethods.list({ customer: customer.id })).data;
    expect(methods).toHaveLength(2);
    const added = methods.find((method) => method.id !== card.id)!;
    expect(added.card).toMatchObject({ last4: '4242', brand: 'visa' });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      invoice_settings: { default_payment_method: added.id },
    });
    expect(idOf((await stripe.subscriptions.retrieve(subscription.id)).default_payment_method)).toBe(added.id);
    expect(await eventsAbout(stripe, added.id, ['payment_method.attached'])).toHaveLength(1);
    expect(await eventsAbout(stripe, customer.id, ['customer.updated'])).toHaveLength(1);
    expect((await portalGet(session.url)).body).toContain('Payment methods');
  });

  test("invoice history lists the customer's invoices with amount and status", async ({ lab }) => {
    const { stripe } = lab;
    const { customer } = await subscribedCustomer(stripe, 1500);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id });
    const page = (await portalGet(session.url)).body;
    const invoices = (await stripe.invoices.list({ customer: customer.id })).data;
    expect(invoices).toHaveLength(1);
    expect(page.match(/data-testid="hip-link"/g)).toHaveLength(1);
    expect(page).toContain(`data-invoice="${invoices[0]!.id}"`);
    expect(page).toContain('$15.00');
    expect(page).toContain('data-testid="invoice-status-badge-positive">Paid');
  });

  test('a cancellation deep link (flow_data) opens the confirmation page and, once done, redirects where after_completion says', async ({
    lab,
  }) => {
    const { stripe } = lab;
    const [configuration] = (await stripe.billingPortal.configurations.list({ is_default: true })).data;
    await stripe.billingPortal.configurations.update(configuration!.id, {
      features: { subscription_cancel: { cancellation_reason: { enabled: false } } },
    });
    const { customer, subscription } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      flow_data: {
        type: 'subscription_cancel',
        subscription_cancel: { subscription: subscription.id },
        after_completion: { type: 'redirect', redirect: { return_url: `${RETURN_URL}?canceled=1` } },
      },
    });
    expect(session.flow).toMatchObject({
      type: 'subscription_cancel',
      subscription_cancel: { subscription: subscription.id, retention: null },
      after_completion: { type: 'redirect', redirect: { return_url: `${RETURN_URL}?canceled=1` }, hosted_confirmation: null },
    });
    const opened = await portalGet(session.url);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`${new URL(session.url).pathname}/subscriptions/${subscription.id}/cancel`);
    const done = await portalPost(session.url, `/subscriptions/${subscription.id}/cancel`);
    expect(done.location).toBe(`${RETURN_URL}?canceled=1`);
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(true);

    const other = await subscribedCustomer(stripe);
    const foreign = await rejectionOf(
      stripe.billingPortal.sessions.create({
        customer: customer.id,
        flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: other.subscription.id } },
      }),
    );
    expect(foreign).toMatchObject({ param: 'flow_data[subscription_cancel][subscription]', statusCode: 400 });
  });

  test('a payment method deep link opens the card form and, once the card is saved, shows the hosted confirmation', async ({ lab }) => {
    const { stripe } = lab;
    const { customer } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: RETURN_URL,
      flow_data: {
        type: 'payment_method_update',
        after_completion: { type: 'hosted_confirmation', hosted_confirmation: { custom_message: 'Thanks, your card is saved.' } },
      },
    });
    expect(session.flow).toMatchObject({
      type: 'payment_method_update',
      subscription_cancel: null,
      after_completion: { type: 'hosted_confirmation', hosted_confirmation: { custom_message: 'Thanks, your card is saved.' } },
    });
    const opened = await portalGet(session.url);
    expect(opened.location).toBe(`${new URL(session.url).pathname}/payment-methods/new`);
    const saved = await portalPost(session.url, '/payment-methods', {
      cardNumber: CARDS.visa,
      cardExpiry: futureExpiry(),
      cardCvc: '123',
      billingCountry: 'US',
      billingPostalCode: '94103',
    });
    expect(saved.location).toBe(`${new URL(session.url).pathname}/confirmation`);
    const confirmation = await portalGet(`${session.url}/confirmation`);
    expect(confirmation.body).toContain('Thanks, your card is saved.');
    expect(confirmation.body).toContain('data-testid="return-to-business-link"');
    expect((await portalGet(session.url)).status, 'once done, the link opens the home page').toBe(200);

    const [configuration] = (await stripe.billingPortal.configurations.list({ is_default: true })).data;
    await stripe.billingPortal.configurations.update(configuration!.id, { features: { payment_method_update: { enabled: false } } });
    const disabled = await rejectionOf(
      stripe.billingPortal.sessions.create({ customer: customer.id, flow_data: { type: 'payment_method_update' } }),
    );
    expect(disabled).toMatchObject({ param: 'flow_data[type]', statusCode: 400 });
    const notEmulated = await rejectionOf(
      stripe.billingPortal.sessions.create({
        customer: customer.id,
        flow_data: { type: 'subscription_update', subscription_update: { subscription: 'sub_1' } },
      }),
    );
    expect(notEmulated.message).toMatch(/emulates only the payment_method_update and subscription_cancel/);
  });

  test('"Update information" changes only what the configuration allows (email and address by default)', async ({ lab }) => {
    const { stripe } = lab;
    const { customer } = await subscribedCustomer(stripe);
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id });
    expect((await portalGet(session.url)).body).toContain('Update information');
    const invalid = await portalPost(session.url, '/customer/update', { email: 'not an email' });
    expect(invalid.status).toBe(400);
    const saved = await portalPost(session.url, '/customer/update', {
      email: 'new-address@example.test',
      name: 'Someone Else',
      country: 'GB',
      postal_code: 'SW1A 1AA',
    });
    expect(saved.status).toBe(303);
    const updated = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(updated).toMatchObject({
      email: 'new-address@example.test',
      name: customer.name,
      address: { country: 'GB', postal_code: 'SW1A 1AA' },
    });
    const [event] = await eventsAbout(stripe, customer.id, ['customer.updated']);
    expect(event?.data.previous_attributes).toMatchObject({ email: customer.email });
  });

  test('an unknown portal link answers a 404 page', async ({ lab }) => {
    const page = await portalGet(`${lab.provider.url}/p/session/test_unknown`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('data-testid="portal-missing"');
  });
});

test.describe('portal link lifetime', () => {
  const link = (): PortalLink => ({ sessionId: 'bps_1', createdAtMs: 1_000_000, firstVisitAtMs: null, flowCompleted: false });

  test('an unvisited link expires a few minutes after it was made', () => {
    expect(portalLinkOpen(link(), 1_000_000 + PORTAL_LINK_UNVISITED_MS)).toBe(true);
    expect(portalLinkOpen(link(), 1_000_000 + PORTAL_LINK_UNVISITED_MS + 1)).toBe(false);
    expect(visitPortalLink(link(), 1_000_000 + PORTAL_LINK_UNVISITED_MS + 1)).toBe(false);
  });

  test('a visited link works for the session length after the first visit, then expires', () => {
    const visited = link();
    expect(visitPortalLink(visited, 1_060_000)).toBe(true);
    expect(visitPortalLink(visited, 1_060_000 + PORTAL_LINK_SESSION_MS)).toBe(true);
    expect(visited.firstVisitAtMs, 'a later visit does not extend it').toBe(1_060_000);
    expect(visitPortalLink(visited, 1_060_000 + PORTAL_LINK_SESSION_MS + 1)).toBe(false);
  });
});
