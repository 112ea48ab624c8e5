import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { ProviderRequestRecord } from '../../../../src/run/evidence/flowRecord';
import { recordProviderRequests } from '../../../../src/run/evidence/providerRequests';
import { createProviderClient } from '../../../../src/run/provider/providerClient';

let server: FastifyInstance;

test.beforeEach(async () => {
  server = Fastify();
  server.get('/v1/account', async (_request, reply) =>
    reply.header('request-id', 'req_account1').send({ id: 'acct_1', object: 'account' }),
  );
  // A provider (or proxy) that drops the Request-Id header.
  server.get('/v1/balance', async () => ({ object: 'balance', available: [], pending: [] }));
  await server.listen({ host: '127.0.0.1', port: 0 });
});

test.afterEach(async () => {
  await server.close();
});

test('records every provider call with its request id, undefined when the response had none', async () => {
  const apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const provider = createProviderClient({ apiBase, secretKey: 'sk_test_unit_requests' });
  const recorded: ProviderRequestRecord[] = [];
  const before = Date.now();
  const stop = recordProviderRequests(provider, (request) => recorded.push(request));

  await provider.accounts.retrieveCurrent();
  await provider.balance.retrieve();
  stop();
  await provider.balance.retrieve();

  expect(recorded.map(({ method, path, status, requestId }) => ({ method, path, status, requestId }))).toEqual([
    { method: 'GET', path: '/v1/account', status: 200, requestId: 'req_account1' },
    { method: 'GET', path: '/v1/balance', status: 200, requestId: undefined },
  ]);
  expect('requestId' in recorded[1]!, 'no requestId key at all when the response had none').toBe(false);
  for (const request of recorded) {
    expect(request.at).toBeGreaterThanOrEqual(before);
    expect(request.elapsedMs).toBeGreaterThanOrEqual(0);
  }
});
