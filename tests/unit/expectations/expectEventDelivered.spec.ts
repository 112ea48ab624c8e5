import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { TimelinePoint } from '../../../src/evidence/flowRecord';
import { expectEventDelivered } from '../../../src/expectations/expectEventDelivered';
import { createProviderClient } from '../../../src/provider/providerClient';

const secretKey = 'sk_test_unit_events';
const event = {
  id: 'evt_1',
  object: 'event',
  type: 'charge.refunded',
  pending_webhooks: 0,
  created: 1_790_000_000,
  data: { object: { id: 'ch_1', object: 'charge' } },
};
let server: FastifyInstance;
let attempts: { id: string; event: string; succeeded: boolean; endpoint?: string; url?: string; attempt?: number; attempted_at?: number }[];

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

async function expectRefundedDelivered(timeline?: (point: TimelinePoint) => void): Promise<unknown> {
  const apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const provider = createProviderClient({ apiBase, secretKey });
  const attached: string[] = [];
  const evidence = { attachJson: async (name: string) => void attached.push(name), ...(timeline ? { timeline } : {}) };
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

test("marks the event and each endpoint's first successful attempt on the timeline", async () => {
  attempts = [
    { id: 'wa_1', event: 'evt_1', endpoint: 'we_shop', url: 'http://127.0.0.1:1/webhooks/stripe', attempt: 1, attempted_at: 1_790_000_001, succeeded: false },
    { id: 'wa_2', event: 'evt_1', endpoint: 'we_shop', url: 'http://127.0.0.1:1/webhooks/stripe', attempt: 2, attempted_at: 1_790_000_003, succeeded: true },
    { id: 'wa_3', event: 'evt_1', endpoint: 'we_ref', url: 'http://127.0.0.1:2/v1/provider/webhooks', attempt: 1, attempted_at: 1_790_000_001, succeeded: true },
  ];
  const points: TimelinePoint[] = [];
  await expectRefundedDelivered((point) => void points.push(point));
  expect(points).toEqual([
    { lane: 'provider', label: 'charge.refunded', at: 1_790_000_000_000, precision: 's', objectId: 'ch_1' },
    { lane: 'webhook', label: 'charge.refunded delivered to http://127.0.0.1:2/v1/provider/webhooks', at: 1_790_000_001_000, precision: 's', objectId: 'ch_1' },
    { lane: 'webhook', label: 'charge.refunded delivered to http://127.0.0.1:1/webhooks/stripe (attempt 2)', at: 1_790_000_003_000, precision: 's', objectId: 'ch_1' },
  ]);
});
