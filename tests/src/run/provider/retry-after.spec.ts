import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { startProvider, type RunningProvider } from '../../../../sandbox/provider/index';
import { readProviderAccount } from '../../../../src/guards/liveMode/probes';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import { retryAfterMs } from '../../../../src/run/provider/retryAfterHttpClient';
import { startFlakyProxy, type FlakyProxy, type Spoil } from '../../../resilience/support/flakyProxy';

const RATE_LIMITED = { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' } };
const SERVER_ERROR = { error: { type: 'api_error', message: 'An unknown error occurred.' } };

let provider: RunningProvider;
let proxy: FlakyProxy | undefined;

test.beforeEach(async () => {
  provider = await startProvider({ port: 0 });
});

test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await provider.close();
});

/** The harness's client, talking to the provider through a proxy that spoils the answers `spoil` picks. */
async function harnessClientBehind(
  spoil: (request: { index: number; method: string; path: string }) => Spoil | undefined,
): Promise<Stripe> {
  proxy = await startFlakyProxy(provider.url, spoil);
  return createProviderClient({ apiBase: proxy.url, secretKey: provider.secretKey });
}

test('a 429 is retried after its Retry-After, then succeeds', async () => {
  const stripe = await harnessClientBehind(({ index }) =>
    index <= 2 ? { forward: false, answer: { status: 429, headers: { 'retry-after': '1' }, body: RATE_LIMITED } } : undefined,
  );
  const started = Date.now();
  const list = await stripe.customers.list();
  expect(list.object).toBe('list');
  expect(proxy!.requests).toHaveLength(3);
  expect(Date.now() - started, 'waited Retry-After (1 s) twice').toBeGreaterThanOrEqual(2_000);
});

test('a 429 is given up after 3 retries: the caller gets the rate-limit error', async () => {
  const stripe = await harnessClientBehind(() => ({
    forward: false,
    answer: { status: 429, headers: { 'retry-after': '0' }, body: RATE_LIMITED },
  }));
  await expect(stripe.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  expect(proxy!.requests).toHaveLength(4);
});

test('a 400 is not retried', async () => {
  const stripe = await harnessClientBehind(() => undefined);
  const error = await stripe.customers
    .create({ email: 'bad@example.test', nonsense: 'x' } as Stripe.CustomerCreateParams)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ statusCode: 400, code: 'parameter_unknown' });
  expect(proxy!.requests).toHaveLength(1);
});

test('a 500 is retried (by the SDK) and the call succeeds', async () => {
  const stripe = await harnessClientBehind(({ index }) =>
    index === 1 ? { forward: false, answer: { status: 500, body: SERVER_ERROR } } : undefined,
  );
  await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });
  expect(proxy!.requests).toHaveLength(2);
});

test('a POST whose first answer is a 500 after it ran creates exactly one object: the retry reuses its idempotency key', async () => {
  const email = 'once@example.test';
  const stripe = await harnessClientBehind(({ index, method }) =>
    index === 1 && method === 'POST' ? { forward: true, answer: { status: 500, body: SERVER_ERROR } } : undefined,
  );
  const customer = await stripe.customers.create({ email });
  expect(customer.lastResponse.headers['idempotent-replayed'], 'the retry was answered from the idempotency cache').toBe('true');
  const [first, retry] = proxy!.requests;
  expect(retry?.idempotencyKey).toBe(first?.idempotencyKey);
  expect(first?.idempotencyKey).toMatch(/^stripe-node-retry-/);
  const all = await stripe.customers.list({ email, limit: 100 });
  expect(all.data.map((c) => c.id)).toEqual([customer.id]);
});

test('a POST whose answer is lost (socket dropped) is retried and still creates one object', async () => {
  const email = 'dropped@example.test';
  const stripe = await harnessClientBehind(({ index, method }) =>
    index === 1 && method === 'POST' ? { forward: true, answer: 'drop' } : undefined,
  );
  const customer = await stripe.customers.create({ email });
  expect((await stripe.customers.list({ email, limit: 100 })).data.map((c) => c.id)).toEqual([customer.id]);
});

test('a probe with maxNetworkRetries 0 still fails at once on a 500', async () => {
  await harnessClientBehind(() => ({ forward: false, answer: { status: 500, body: SERVER_ERROR } }));
  await expect(readProviderAccount({ apiBase: proxy!.url, secretKey: provider.secretKey })).rejects.toMatchObject({ statusCode: 500 });
  expect(proxy!.requests).toHaveLength(1);
});

test('Retry-After: seconds or an HTTP date, capped at 10 s, 1 s when absent', () => {
  expect(retryAfterMs('2')).toBe(2_000);
  expect(retryAfterMs('0')).toBe(0);
  expect(retryAfterMs('120')).toBe(10_000);
  expect(retryAfterMs(undefined)).toBe(1_000);
  expect(retryAfterMs('soon')).toBe(1_000);
  const inFiveSeconds = retryAfterMs(new Date(Date.now() + 5_000).toUTCString());
  expect(inFiveSeconds).toBeGreaterThan(3_000);
  expect(inFiveSeconds).toBeLessThanOrEqual(5_000);
});
