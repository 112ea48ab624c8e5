import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { expectEventDelivered } from '../../../src/expectations/expectEventDelivered';
import { createProviderClient } from '../../../src/provider/providerClient';

const secretKey = 'sk_test_unit_events';
const event = {
  id: 'evt_1',
  object: 'event',
  type: 'charge.refunded',
  pending_webhooks: 0,
  data: { object: { id: 'ch_1', object: 'charge' } },
};
let server: FastifyInstance;
let attempts: { id: string; event: string; succeeded: boolean }[];

test.beforeEach(async () => {
  server = Fastify();
  server.get('/v1/events', async () => ({ object: 'list', data: [event], has_more: false, url: '/v1/events' }));
  server.get('/v1/events/:id', async () => event);
  server.get('/_sandbox/webhook_attempts', async () => ({ object: 'list', data: attempts }));
  await server.listen({ host: '127.0.0.1', port: 0 });
});

test.afterEach(async () => {
  await server.close();
});

async function expectRefundedDelivered(): Promise<unknown> {
  const apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const provider = createProviderClient({ apiBase, secretKey });
  const attached: string[] = [];
  const evidence = { attachJson: async (name: string) => void attached.push(name) };
  return expectEventDelivered(
    provider,
    { type: 'charge.refunded', objectId: 'ch_1', providerAccess: { apiBase, secretKey } },
    { evidence, timeoutMs: 500 },
  );
}

test('passes once an endpoint answered the event', async () => {
  attempts = [{ id: 'wa_1', event: 'evt_1', succeeded: true }];
  await expect(expectRefundedDelivered()).resolves.toMatchObject({ id: 'evt_1' });
});

test('fails when no endpoint ever received the event, although pending_webhooks is 0', async () => {
  attempts = [];
  const error = await expectRefundedDelivered().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain('charge.refunded (evt_1) reached at least one webhook endpoint');
});
