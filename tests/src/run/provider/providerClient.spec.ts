import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createProviderClient, PROVIDER_API_VERSION, providerAddress } from '../../../../src/run/provider/providerClient';
import { readWebhookAttempts } from '../../../../src/run/provider/webhookAttempts';

const secretKey = 'sk_test_unit_provider';
let server: FastifyInstance;
let apiBase: string;
const seen: { url: string; authorization?: string; version?: string }[] = [];

test.beforeEach(async () => {
  seen.length = 0;
  server = Fastify();
  server.addHook('onRequest', async (request) => {
    seen.push({
      url: request.url,
      authorization: request.headers.authorization,
      version: request.headers['stripe-version'] as string | undefined,
    });
  });
  server.get('/v1/customers/:id', async (request) => ({ id: (request.params as { id: string }).id, object: 'customer' }));
  server.get('/_sandbox/webhook_attempts', async () => ({
    object: 'list',
    data: [{ id: 'wa_1', event: 'evt_1', attempt: 1, succeeded: true }],
  }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

test.afterEach(async () => {
  await server.close();
});

test('pins the SDK API version', () => {
  expect(PROVIDER_API_VERSION).toBe(Stripe.API_VERSION);
});

test('talks to the provider at apiBase with the pinned version and the key', async () => {
  const stripe = createProviderClient({ apiBase, secretKey });
  const customer = await stripe.customers.retrieve('cus_1');
  expect(customer.id).toBe('cus_1');
  expect(seen[0]).toEqual({ url: '/v1/customers/cus_1', authorization: `Bearer ${secretKey}`, version: PROVIDER_API_VERSION });
});

test('uses the SDK defaults for api.stripe.com', () => {
  expect(providerAddress('https://api.stripe.com')).toEqual({});
  expect(providerAddress('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
  expect(() => providerAddress('not a url')).toThrow(/not a URL/);
});

test('reads the sandbox webhook log with the filter', async () => {
  const attempts = await readWebhookAttempts({ apiBase, secretKey }, { event: 'evt_1', endpoint: 'we_1' });
  expect(attempts?.map((a) => a.id)).toEqual(['wa_1']);
  expect(seen[0]?.url).toBe('/_sandbox/webhook_attempts?event=evt_1&endpoint=we_1');
  expect(seen[0]?.authorization).toBe(`Bearer ${secretKey}`);
});

test('has no webhook log against a provider without the sandbox route', async () => {
  await server.close();
  server = Fastify();
  await server.listen({ host: '127.0.0.1', port: 0 });
  const realLike = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  expect(await readWebhookAttempts({ apiBase: realLike, secretKey }, { event: 'evt_1' })).toBeUndefined();
});
