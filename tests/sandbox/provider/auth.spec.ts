import Stripe from 'stripe';
import { test, expect, sdkClient, rejectionOf } from './support/fixtures';

test.describe('authentication', () => {
  // Stripe answers a missing or unknown key with status 401 and `type: 'invalid_request_error'` (its error type enum
  // has no `authentication_error`); stripe-node raises StripeAuthenticationError from the 401 status alone.
  test('rejects a request without an API key: 401 invalid_request_error, raised as StripeAuthenticationError', async ({ provider }) => {
    // An authenticator that adds no Authorization header: the SDK sends the request keyless.
    const keyless = sdkClient(provider, '', { authenticator: async () => undefined });
    const err = await rejectionOf(keyless.customers.list({ limit: 1 }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.type).toBe('StripeAuthenticationError');
    expect(err.rawType).toBe('invalid_request_error');
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^You did not provide an API key\./);
  });

  test('rejects an unknown secret key: 401 invalid_request_error naming the key masked, raised as StripeAuthenticationError', async ({
    provider,
  }) => {
    const stranger = sdkClient(provider, 'sk_test_not_a_key_this_sandbox_knows');
    const err = await rejectionOf(stranger.products.create({ name: 'never created' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.rawType).toBe('invalid_request_error');
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^Invalid API Key provided: sk_test_\*+nows$/);
  });

  test("the raw 401 body is Stripe's error shape with type invalid_request_error and no code", async ({ provider }) => {
    const res = await fetch(`${provider.url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_unknown_key_for_raw_check' } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error.type).toBe('invalid_request_error');
    expect(Object.keys(body.error).sort()).toEqual(['message', 'type']);
  });

  test('does not accept the publishable key for a secret-key API call', async ({ provider }) => {
    const publishable = sdkClient(provider, provider.publishableKey);
    const err = await rejectionOf(publishable.customers.list({ limit: 1 }));
    // Stripe answers a pk_ on a secret endpoint with an error (401 or 403 depending on endpoint): never data.
    expect([401, 403]).toContain(err.statusCode);
  });

  test('accepts the sandbox secret key', async ({ stripe }) => {
    const list = await stripe.customers.list({ limit: 1 });
    expect(list.object).toBe('list');
  });
});
