import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { startProvider } from '../../sandbox/provider';
import { checkCallAgainstSdk, checkCallAgainstSpec, checkPromise } from './support/callChecks';
import { OpenApiSpec, specPath } from './support/openapiSpec';
import type { RecordedCall } from './support/recordingClient';
import { SdkTypes } from './support/sdkTypes';
import { unvisited } from './support/servedRoutes';
import { VERSION_PROMISES } from './support/versionPromises';

/*
 * The fidelity suite's oracles catch what they claim to: a faithful answer taken from the sandbox, then broken one way
 * at a time, must yield exactly the problem of that break (the answer's own problems, if any, are subtracted).
 */

type Json = Record<string, any>;

/** A paid payment intent as the sandbox answers it in `version`, with its charge expanded (asked for). */
async function paidIntentAnswer(version: string): Promise<{ call: RecordedCall; body: Json }> {
  const provider = await startProvider({ port: 0 });
  try {
    const stripe = new Stripe(provider.secretKey, {
      host: '127.0.0.1',
      port: Number(new URL(provider.url).port),
      protocol: 'http',
      apiVersion: version as Stripe.StripeConfig['apiVersion'],
    });
    const customer = await stripe.customers.create({ email: 'oracle@example.test' });
    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const response = await fetch(`${provider.url}/v1/payment_intents/${intent.id}?expand[]=customer`, {
      headers: { authorization: `Bearer ${provider.secretKey}`, 'stripe-version': version },
    });
    const body = (await response.json()) as Json;
    const call: RecordedCall = {
      resource: 'payment intent',
      stop: 'oracle',
      method: 'GET',
      path: `/v1/payment_intents/${intent.id}`,
      expand: ['customer'],
      status: response.status,
      requestVersion: version,
      responseVersion: version,
      body,
    };
    return { call, body };
  } finally {
    await provider.close();
  }
}

function broken(call: RecordedCall, breakIt: (body: Json) => void): RecordedCall {
  const body = structuredClone(call.body) as Json;
  breakIt(body);
  return { ...call, body };
}

function added(before: string[], after: string[]): string[] {
  return after.filter((line) => !before.includes(line));
}

test.describe('the published-schema check (2023-08-16)', () => {
  const spec = OpenApiSpec.load('2023-08-16');
  test.skip(!spec, `Stripe's published spec of 2023-08-16 is not at ${specPath('2023-08-16')}`);

  test('reports a missing required field, a wrong type, a null where none is allowed, a value outside an enum and an expansion nobody asked for', async () => {
    const { call } = await paidIntentAnswer('2023-08-16');
    const baseline = checkCallAgainstSpec(spec!, call).problems;
    const op = 'GET /v1/payment_intents/{intent}';
    const cases: [string, (body: Json) => void, string][] = [
      ['missing', (b) => delete b.amount, `${op} #/amount: missing (required by payment_intent)`],
      ['type', (b) => (b.amount = '2000'), `${op} #/amount: "2000", expected an integer`],
      ['null', (b) => (b.currency = null), `${op} #/currency: null, but string is not nullable`],
      [
        'enum',
        (b) => (b.status = 'paid'),
        `${op} #/status: "paid" is not one of "canceled", "processing", "requires_action", "requires_capture", "requires_confirmation", "requires_payment_method", "succeeded"`,
      ],
      ['metadata', (b) => (b.metadata = { order: 7 }), `${op} #/metadata/order: number, expected a string`],
      [
        'expansion',
        (b) => (b.application = { id: 'ca_1', object: 'application', name: null }),
        `${op} #/application: an expanded application although the request did not ask for expand[]=application (Stripe sends the id)`,
      ],
    ];
    for (const [what, breakIt, expected] of cases) {
      expect(added(baseline, checkCallAgainstSpec(spec!, broken(call, breakIt)).problems), what).toEqual([expected]);
    }
    // Asked for, an expansion is fine; a property the schema does not declare is listed, not a problem.
    const extra = checkCallAgainstSpec(
      spec!,
      broken(call, (b) => (b.fidelity_extra = true)),
    );
    expect(added(baseline, extra.problems)).toEqual([]);
    expect(extra.undeclared).toContain('#/fidelity_extra');
  });

  test("reads an error answer against the spec's error schema", () => {
    const call: RecordedCall = {
      resource: 'error',
      stop: 'oracle',
      method: 'GET',
      path: '/v1/customers/cus_missing',
      expand: [],
      status: 404,
      requestVersion: '2023-08-16',
      responseVersion: '2023-08-16',
      body: { error: { message: 'No such customer', type: 'invalid_request_error' } },
    };
    expect(checkCallAgainstSpec(spec!, call).problems).toEqual([]);
    expect(checkCallAgainstSpec(spec!, { ...call, body: { error: { message: 'No such customer' } } }).problems).toEqual([
      'GET /v1/customers/{customer} #/error/type: missing (required by api_errors)',
    ]);
  });
});

test.describe("the SDK-types check (the SDK's own version)", () => {
  let types: SdkTypes;
  test.beforeAll(() => {
    types = SdkTypes.open();
  });
  test.afterAll(() => types?.close());

  test('reports a missing required property, an undeclared one, a wrong type, a value outside a literal union and an expansion nobody asked for', async () => {
    const { call } = await paidIntentAnswer(Stripe.API_VERSION);
    const baseline = checkCallAgainstSdk(types, call);
    const route = 'GET /v1/payment_intents/{id}';
    const cases: [string, (body: Json) => void, string][] = [
      ['missing', (b) => delete b.amount, `${route} #/amount: missing (required by Stripe.PaymentIntent)`],
      ['undeclared', (b) => (b.charges = { object: 'list', data: [] }), `${route} #/charges: not declared by Stripe.PaymentIntent`],
      ['type', (b) => (b.livemode = 'false'), `${route} #/livemode: string, expected a boolean`],
      [
        'literal',
        (b) => (b.status = 'paid'),
        `${route} #/status: "paid" is not one of "canceled" | "processing" | "requires_action" | "requires_capture" | "requires_confirmation" | "requires_payment_method" | "succeeded"`,
      ],
      ['nested', (b) => delete b.customer.email, `${route} #/customer/email: missing (required by Customer)`],
      [
        'expansion',
        (b) => (b.latest_charge = { ...b.customer, object: 'charge' }),
        `${route} #/latest_charge: an expanded object although the request did not ask for expand[]=latest_charge (the SDK declares null | string | Charge: Stripe sends the id)`,
      ],
    ];
    for (const [what, breakIt, expected] of cases) {
      expect(added(baseline, checkCallAgainstSdk(types, broken(call, breakIt))), what).toContain(expected);
    }
  });

  test('picks the event type an event names, and says when the SDK declares none', () => {
    const event = {
      id: 'evt_1',
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: 1,
      data: { object: { id: 'cus_1', object: 'customer' } },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type: 'customer.created',
    };
    const call: RecordedCall = {
      resource: 'event',
      stop: 'oracle',
      method: 'GET',
      path: '/v1/events/evt_1',
      expand: [],
      status: 200,
      requestVersion: null,
      responseVersion: null,
      body: event,
    };
    expect(checkCallAgainstSdk(types, call)).toContain('GET /v1/events/evt_1 #/data/object/created: missing (required by Customer)');
    expect(checkCallAgainstSdk(types, { ...call, body: { ...event, type: 'customer.teleported' } })).toEqual([
      'GET /v1/events/evt_1 #: no SDK type declares object "event" and type "customer.teleported" (candidates: ' +
        types.byObject.get('event')!.length +
        ')',
    ]);
  });
});

test.describe('the version promises and the route coverage', () => {
  test('a 2020-08-27 payment intent without its `charges` list breaks the promise', () => {
    const promise = VERSION_PROMISES.find((candidate) => candidate.object === 'payment_intent' && candidate.says.includes('`charges`'))!;
    const call: RecordedCall = {
      resource: 'payment intent',
      stop: 'oracle',
      method: 'GET',
      path: '/v1/payment_intents/pi_3Fidelity01',
      expand: [],
      status: 200,
      requestVersion: '2020-08-27',
      responseVersion: '2020-08-27',
      body: { id: 'pi_3Fidelity01', object: 'payment_intent', charges: { object: 'list', data: [] } },
    };
    expect(checkPromise(promise, [call])).toEqual({ checked: 1, problems: [] });
    const without = checkPromise(promise, [
      { ...call, body: { id: 'pi_3Fidelity01', object: 'payment_intent', latest_charge: 'ch_3Fidelity01' } },
    ]);
    expect(without.problems).toEqual([`GET /v1/payment_intents/{id} #: \`charges\` is a list of its charges: not so (${promise.source})`]);
  });

  test("a deleted invoice's `{ id, object, deleted: true }` is not held to an invoice's promises; an invoice is", () => {
    const promise = VERSION_PROMISES.find((candidate) => candidate.object === 'invoice' && candidate.says.includes('`subscription`'))!;
    const deleted: RecordedCall = {
      resource: 'invoice',
      stop: 'oracle',
      method: 'DELETE',
      path: '/v1/invoices/in_1Fidelity01',
      expand: [],
      status: 200,
      requestVersion: '2020-08-27',
      responseVersion: '2020-08-27',
      body: { id: 'in_1Fidelity01', object: 'invoice', deleted: true },
    };
    expect(checkPromise(promise, [deleted])).toEqual({ checked: 0, problems: [] });
    const live = checkPromise(promise, [{ ...deleted, method: 'GET', body: { id: 'in_1Fidelity01', object: 'invoice' } }]);
    expect(live.problems).toEqual([
      `GET /v1/invoices/{id} #: \`subscription\` is on the invoice (an id or null): not so (${promise.source})`,
    ]);
  });

  test('a call counts for the most literal route it matches', () => {
    const routes = [
      { method: 'GET', path: '/v1/customers/:id' },
      { method: 'GET', path: '/v1/customers/search' },
    ];
    const call = (path: string): RecordedCall => ({
      resource: 'x',
      stop: 'x',
      method: 'GET',
      path,
      expand: [],
      status: 200,
      requestVersion: null,
      responseVersion: null,
      body: {},
    });
    expect(unvisited(routes, [call('/v1/customers/search')])).toEqual([routes[0]]);
    expect(unvisited(routes, [call('/v1/customers/search'), call('/v1/customers/cus_1')])).toEqual([]);
  });
});
