import Stripe from 'stripe';
import { test, expect, sdkClient, rejectionOf } from './support/fixtures';

test.describe('authentication', () => {
  test('rejects a request without an API key with StripeAuthenticationError (401)', async ({ provider }) => {
    // An authenticator that adds no Authorization header: the SDK sends the request keyless.
    const keyless = sdkClient(provider, '', { authenticator: async () => undefined });
    const err = await rejectionOf(keyless.customers.list({ limit: 1 }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.type).toBe('StripeAuthenticationError');
    expect(err.rawType).toBe('authentication_error');
    expect(err.statusCode).toBe(401);
  });

  test('rejects an unknown secret key with StripeAuthenticationError (401)', async ({ provider }) => {
    const stranger = sdkClient(provider, 'sk_test_not_a_key_this_sandbox_knows');
    const err = await rejectionOf(stranger.products.create({ name: 'never created' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.rawType).toBe('authentication_error');
    expect(err.statusCode).toBe(401);
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
