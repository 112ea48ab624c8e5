import Stripe from 'stripe';
import { startProvider } from '../../../../sandbox/provider';
import { expect, rejectionOf, test, type RunningTestProvider } from '../support/fixtures';
import { paidIntent, pinnedTo } from './pinnedClients';

/** A raw `/v1` GET with the secret key and, if given, a `Stripe-Version` header. */
async function rawGet(
  provider: RunningTestProvider,
  path: string,
  version?: string,
): Promise<{ status: number; version: string | null; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${provider.secretKey}` };
  if (version !== undefined) headers['stripe-version'] = version;
  const response = await fetch(`${provider.url}${path}`, { headers });
  return {
    status: response.status,
    version: response.headers.get('stripe-version'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

test.describe('the API version a request is answered in', () => {
  test('a malformed Stripe-Version is a 400 invalid_request_error "Invalid Stripe API version: …"', async ({ provider }) => {
    const raw = await rawGet(provider, '/v1/customers', '2020-8-27');
    expect(raw.status).toBe(400);
    expect(raw.body).toEqual({ error: { type: 'invalid_request_error', message: 'Invalid Stripe API version: 2020-8-27' } });

    const viaSdk = await rejectionOf(pinnedTo(provider, 'latest').customers.create({ email: 'never@example.test' }));
    expect(viaSdk).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(viaSdk.message).toBe('Invalid Stripe API version: latest');
    expect((await rawGet(provider, '/v1/customers?email=never@example.test')).body.data, 'nothing was created').toEqual([]);
  });

  test('a well-formed version Stripe never released is refused the same way; an old released one is accepted', async ({ provider }) => {
    expect((await rawGet(provider, '/v1/customers', '2025-09-30.acacia')).body).toEqual({
      error: { type: 'invalid_request_error', message: 'Invalid Stripe API version: 2025-09-30.acacia' },
    });
    expect((await rawGet(provider, '/v1/customers', '2022-08-02')).status).toBe(400);
    const old = await rawGet(provider, '/v1/customers', '2019-12-03');
    expect(old.status).toBe(200);
    expect(old.version).toBe('2019-12-03');
  });

  test('the answer echoes the version it is in, as stripe-node reads it (lastResponse.apiVersion)', async ({ provider }) => {
    const customer = await pinnedTo(provider, '2022-11-15').customers.create({ email: 'echo@example.test' });
    expect(customer.lastResponse.apiVersion).toBe('2022-11-15');
    const current = await pinnedTo(provider, Stripe.API_VERSION).customers.retrieve(customer.id);
    expect(current.lastResponse.apiVersion).toBe(Stripe.API_VERSION);
  });

  test('without a Stripe-Version header the account default applies: answers and events are in it', async () => {
    const running = await startProvider({ port: 0, apiVersion: '2022-08-01' });
    try {
      const provider = {
        url: running.url,
        port: Number(new URL(running.url).port),
        secretKey: running.secretKey,
        publishableKey: running.publishableKey,
      };
      const paid = await paidIntent(pinnedTo(provider, Stripe.API_VERSION));

      const raw = await rawGet(provider, `/v1/payment_intents/${paid.id}`);
      expect(raw.version).toBe('2022-08-01');
      expect((raw.body.charges as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([paid.latest_charge]);
      expect(raw.body).not.toHaveProperty('latest_charge');
      // The same object asked for in the SDK's version.
      expect((await rawGet(provider, `/v1/payment_intents/${paid.id}`, Stripe.API_VERSION)).body).not.toHaveProperty('charges');

      // Events are written in the account default, whatever version the request that caused them was in.
      const events = await pinnedTo(provider, Stripe.API_VERSION).events.list({ type: 'payment_intent.succeeded' });
      const event = events.data.find((e) => (e.data.object as { id: string }).id === paid.id)!;
      expect(event.api_version).toBe('2022-08-01');
      expect(event.data.object).toHaveProperty('charges');
    } finally {
      await running.close();
    }
  });
});
