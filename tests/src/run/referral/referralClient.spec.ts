import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { ReferralApiError, ReferralClient } from '../../../../src/run/referral/referralClient';

const secretKey = 'sk_test_referral_unit';
let server: FastifyInstance;
let client: ReferralClient;
const requests: { method: string; url: string; authorization?: string; body?: unknown }[] = [];

test.beforeEach(async () => {
  requests.length = 0;
  server = Fastify();
  server.addHook('preHandler', async (request) => {
    requests.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body: request.body });
  });
  server.get('/v1/commissions', async () => ({ object: 'list', data: [{ id: 'cm_1' }], has_more: false, url: '/v1/commissions' }));
  server.get('/v1/commissions/:id', async (_request, reply) =>
    reply
      .code(404)
      .send({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such commission: cm_x', param: 'id' } }),
  );
  server.post('/v1/webhook_endpoints', async (request) => ({
    id: 'rwe_1',
    object: 'webhook_endpoint',
    ...(request.body as object),
    status: 'enabled',
    created: 1,
    secret: 'whsec_abc',
  }));
  server.delete('/v1/webhook_endpoints/:id', async () => ({ id: 'rwe_1', deleted: true }));
  // A website where the API should be: 200 with an HTML page (a login page, a single-page app's fallback).
  server.get('/v1/programs/:id', async (_request, reply) =>
    reply.code(200).type('text/html; charset=utf-8').send('<!doctype html><title>Sign in</title>'),
  );
  server.get('/v1/partners', async (_request, reply) => reply.code(200).send(''));
  // Retry-After 0: the client's retries of a 429 (see referral-retries.spec.ts) take no time here.
  server.get('/v1/deliveries', async (_request, reply) => reply.code(429).header('retry-after', '0').type('text/plain').send('slow down'));
  await server.listen({ host: '127.0.0.1', port: 0 });
  client = new ReferralClient({
    apiBase: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/`,
    secretKey,
    retry: { baseDelayMs: 10 },
  });
});

test.afterEach(async () => {
  await server.close();
});

test('sends bracket query keys as given, with the secret key', async () => {
  const list = await client.listCommissions({ 'metadata[utm_campaign]': 'rh-1', 'created[gte]': 123, conversion: 'conv_1' });
  expect(list.data[0]?.id).toBe('cm_1');
  expect(decodeURIComponent(requests[0]?.url ?? '')).toBe('/v1/commissions?metadata[utm_campaign]=rh-1&created[gte]=123&conversion=conv_1');
  expect(requests[0]?.authorization).toBe(`Bearer ${secretKey}`);
});

test('turns an API error into a ReferralApiError with status, type and message', async () => {
  const error = await client.retrieveCommission('cm_x').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReferralApiError);
  expect(error).toMatchObject({
    status: 404,
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: 'id',
    message: 'No such commission: cm_x',
  });
});

test('reports an error without a JSON body by status', async () => {
  const error = await client.listDeliveries().catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 429, type: 'api_error' });
  expect((error as Error).message).toBe('GET /v1/deliveries failed with 429: slow down.');
});

test('creates and deletes a webhook endpoint', async () => {
  const endpoint = await client.createWebhookEndpoint({ url: 'http://127.0.0.1:1/webhooks', enabled_events: ['commission.refunded'] });
  expect(endpoint.secret).toBe('whsec_abc');
  expect(requests[0]).toMatchObject({
    method: 'POST',
    body: { url: 'http://127.0.0.1:1/webhooks', enabled_events: ['commission.refunded'] },
  });
  await client.deleteWebhookEndpoint('rwe_1');
  expect(requests[1]).toMatchObject({ method: 'DELETE', url: '/v1/webhook_endpoints/rwe_1' });
});

test('says so when the platform cannot be reached', async () => {
  await server.close();
  const error = await client.listClicks().catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 0, type: 'connection_error' });
  expect((error as Error).message).toMatch(/^Could not reach the referral platform at http:\/\/127\.0\.0\.1:\d+/);
  expect((error as Error).cause, 'the network error is kept as the cause').toBeInstanceOf(Error);
  server = Fastify(); // afterEach closes it
});

test('a 2xx answer that is an HTML page is a ReferralApiError naming it and REFERRAL_API_BASE, never a value', async () => {
  const error = await client.retrieveProgram('prog_demo').then(
    (value: unknown) => new Error(`resolved with ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReferralApiError);
  expect(error).toMatchObject({ status: 200, type: 'invalid_response' });
  expect((error as Error).message).toMatch(
    /^The referral platform at http:\/\/127\.0\.0\.1:\d+ answered GET \/v1\/programs\/prog_demo with text\/html, not JSON: check REFERRAL_API_BASE \(it must be the platform's API base URL, not a web page\)\.$/,
  );

  const empty = await client.listPartners().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((empty as Error | undefined)?.message).toContain('answered GET /v1/partners with an empty body, not JSON');
});
