import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { ReferralApiError, ReferralClient } from '../../../../src/run/referral/referralClient';

const secretKey = 'sk_test_referral_unit';
const LIST = { object: 'list', data: [{ id: 'cm_1' }], has_more: false, url: '/v1/commissions' };

let server: FastifyInstance;
let client: ReferralClient;
/** Per request: method, path and the Idempotency-Key it carried. */
const seen: { method: string; url: string; key?: string }[] = [];
/** What the n-th request (from 1) to a path gets; unlisted: the normal answer. */
let script: Record<number, 'drop' | 500 | 503 | 429 | 400> = {};

test.beforeEach(async () => {
  seen.length = 0;
  script = {};
  server = Fastify();
  server.addHook('onRequest', async (request, reply) => {
    seen.push({ method: request.method, url: request.url, key: request.headers['idempotency-key'] as string | undefined });
    const planned = script[seen.length];
    if (planned === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
    } else if (planned === 429) {
      return reply
        .code(429)
        .header('retry-after', '1')
        .send({ error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Too many requests.' } });
    } else if (planned !== undefined) {
      return reply.code(planned).send({ error: { type: 'api_error', code: `status_${planned}`, message: `Failed with ${planned}.` } });
    }
  });
  server.get('/v1/commissions', async () => LIST);
  server.post('/v1/webhook_endpoints', async () => ({ id: 'rwe_1', object: 'webhook_endpoint', secret: 'whsec_abc' }));
  server.delete('/v1/webhook_endpoints/:id', async (_request, reply) =>
    // Deleted by an earlier attempt: this one finds nothing.
    seen.length > 1
      ? reply.code(404).send({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such webhook_endpoint' } })
      : { deleted: true },
  );
  await server.listen({ host: '127.0.0.1', port: 0 });
  client = new ReferralClient({
    apiBase: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    secretKey,
    retry: { baseDelayMs: 10 },
  });
});

test.afterEach(async () => {
  await server.close();
});

test('a GET is retried after a 5xx and succeeds', async () => {
  script = { 1: 503, 2: 500 };
  await expect(client.listCommissions()).resolves.toEqual(LIST);
  expect(seen).toHaveLength(3);
});

test('a GET is retried after a 429, waiting its Retry-After', async () => {
  script = { 1: 429 };
  const started = Date.now();
  await expect(client.listCommissions()).resolves.toEqual(LIST);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  expect(seen).toHaveLength(2);
});

test('a GET is retried after the connection drops', async () => {
  script = { 1: 'drop' };
  await expect(client.listCommissions()).resolves.toEqual(LIST);
  expect(seen).toHaveLength(2);
});

test('retries stop after 3: the last error is the caller’s', async () => {
  script = { 1: 500, 2: 500, 3: 500, 4: 500 };
  const error = await client.listCommissions().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReferralApiError);
  expect(error).toMatchObject({ status: 500, code: 'status_500' });
  expect(seen).toHaveLength(4);
});

test('a 400 is not retried', async () => {
  script = { 1: 400 };
  await expect(client.listCommissions()).rejects.toMatchObject({ status: 400 });
  expect(seen).toHaveLength(1);
});

test('a POST carries one Idempotency-Key per call, the same on its retries', async () => {
  script = { 1: 'drop', 2: 503 };
  await client.createWebhookEndpoint({ url: 'http://127.0.0.1:1/hooks', enabled_events: ['*'] });
  await client.createWebhookEndpoint({ url: 'http://127.0.0.1:1/hooks', enabled_events: ['*'] });
  const keys = seen.map((request) => request.key);
  expect(keys).toHaveLength(4);
  expect(keys[0]).toMatch(/^harness-[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(keys[2]).toBe(keys[0]);
  expect(keys[3], 'another call, another key').not.toBe(keys[0]);
});

test('GETs and DELETEs carry no Idempotency-Key; a DELETE whose answer was lost succeeds on the retry’s 404', async () => {
  script = { 1: 'drop' };
  await expect(client.deleteWebhookEndpoint('rwe_1')).resolves.toBeUndefined();
  expect(seen.map((request) => [request.method, request.key])).toEqual([
    ['DELETE', undefined],
    ['DELETE', undefined],
  ]);
});

test('a DELETE that finds nothing at the first attempt is still a 404 error', async () => {
  // Not a retry: the object never existed (the fake answers 404 from the second request on).
  script = {};
  await client.deleteWebhookEndpoint('rwe_1');
  await expect(client.deleteWebhookEndpoint('rwe_1')).rejects.toMatchObject({ status: 404 });
});
