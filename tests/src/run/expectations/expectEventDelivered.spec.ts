import { test, expect } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { DeliveryRecord, TimelinePoint } from '../../../../src/run/evidence/flowRecord';
import { expectEventDelivered } from '../../../../src/run/expectations/expectEventDelivered';
import { createProviderClient } from '../../../../src/run/provider/providerClient';

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
let attempts:
  | {
      id: string;
      event: string;
      succeeded: boolean;
      endpoint?: string;
      url?: string;
      attempt?: number;
      attempted_at?: number;
      response_status?: number | null;
      error?: string | null;
      next_retry_at?: number | null;
    }[]
  | undefined;
/** What GET /v1/events/:id says; the list (finding the event) always shows it. */
let pendingWebhooks: number;

test.beforeEach(async () => {
  pendingWebhooks = 0;
  server = Fastify();
  server.get('/v1/events', async () => ({ object: 'list', data: [event], has_more: false, url: '/v1/events' }));
  server.get('/v1/events/:id', async () => ({ ...event, pending_webhooks: pendingWebhooks }));
  // attempts undefined: a provider without an attempt log (real Stripe answers 404 to an unknown route).
  server.get('/_sandbox/webhook_attempts', async (_request, reply) =>
    attempts === undefined
      ? reply
          .code(404)
          .send({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL (GET: /_sandbox/webhook_attempts).' } })
      : { object: 'list', data: attempts },
  );
  await server.listen({ host: '127.0.0.1', port: 0 });
});

test.afterEach(async () => {
  await server.close();
});

async function expectRefundedDelivered(
  timeline?: (point: TimelinePoint) => void,
  delivery?: (record: DeliveryRecord) => void,
): Promise<unknown> {
  const apiBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const provider = createProviderClient({ apiBase, secretKey });
  const attached: string[] = [];
  const evidence = {
    attachJson: async (name: string) => void attached.push(name),
    ...(timeline ? { timeline } : {}),
    ...(delivery ? { delivery } : {}),
  };
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
    {
      id: 'wa_1',
      event: 'evt_1',
      endpoint: 'we_shop',
      url: 'http://127.0.0.1:1/webhooks/stripe',
      attempt: 1,
      attempted_at: 1_790_000_001,
      succeeded: false,
    },
    {
      id: 'wa_2',
      event: 'evt_1',
      endpoint: 'we_shop',
      url: 'http://127.0.0.1:1/webhooks/stripe',
      attempt: 2,
      attempted_at: 1_790_000_003,
      succeeded: true,
    },
    {
      id: 'wa_3',
      event: 'evt_1',
      endpoint: 'we_ref',
      url: 'http://127.0.0.1:2/v1/provider/webhooks',
      attempt: 1,
      attempted_at: 1_790_000_001,
      succeeded: true,
    },
  ];
  const points: TimelinePoint[] = [];
  await expectRefundedDelivered((point) => void points.push(point));
  expect(points).toEqual([
    { lane: 'provider', label: 'charge.refunded', at: 1_790_000_000_000, precision: 's', objectId: 'ch_1' },
    {
      lane: 'webhook',
      label: 'charge.refunded delivered to http://127.0.0.1:2/v1/provider/webhooks',
      at: 1_790_000_001_000,
      precision: 's',
      objectId: 'ch_1',
    },
    {
      lane: 'webhook',
      label: 'charge.refunded delivered to http://127.0.0.1:1/webhooks/stripe (attempt 2)',
      at: 1_790_000_003_000,
      precision: 's',
      objectId: 'ch_1',
    },
  ]);
});

test.describe('per-endpoint delivery records', () => {
  const shopUrl = 'http://127.0.0.1:1/webhooks/stripe';
  const referralUrl = 'http://127.0.0.1:2/v1/provider/webhooks';
  const slowUrl = 'http://127.0.0.1:3/hooks';

  /** Runs the expectation, collecting its delivery records; resolves to the error it failed with, if any. */
  async function run(): Promise<{ records: DeliveryRecord[]; error?: Error }> {
    const records: DeliveryRecord[] = [];
    const error = await expectRefundedDelivered(undefined, (record) => void records.push(record)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    return { records, ...(error ? { error } : {}) };
  }

  test("records each endpoint's attempts from the provider's attempt log", async () => {
    attempts = [
      {
        id: 'wa_1',
        event: 'evt_1',
        endpoint: 'we_shop',
        url: shopUrl,
        attempt: 1,
        attempted_at: 1_790_000_001,
        response_status: 500,
        next_retry_at: 1_790_000_003,
        succeeded: false,
      },
      {
        id: 'wa_2',
        event: 'evt_1',
        endpoint: 'we_shop',
        url: shopUrl,
        attempt: 2,
        attempted_at: 1_790_000_003,
        response_status: 200,
        next_retry_at: null,
        succeeded: true,
      },
      {
        id: 'wa_3',
        event: 'evt_1',
        endpoint: 'we_ref',
        url: referralUrl,
        attempt: 1,
        attempted_at: 1_790_000_001,
        response_status: 204,
        next_retry_at: null,
        succeeded: true,
      },
    ];
    const { records, error } = await run();
    expect(error).toBeUndefined();
    const common = {
      source: 'provider-delivery-attempts',
      sender: 'provider',
      eventType: 'charge.refunded',
      eventId: 'evt_1',
      objectId: 'ch_1',
      outcome: 'delivered',
      observedAt: expect.any(Number),
    };
    expect(records).toEqual([
      {
        ...common,
        endpoint: { id: 'we_shop', url: shopUrl },
        attempts: [
          { at: 1_790_000_001_000, status: 500, succeeded: false },
          { at: 1_790_000_003_000, status: 200, succeeded: true },
        ],
      },
      { ...common, endpoint: { id: 'we_ref', url: referralUrl }, attempts: [{ at: 1_790_000_001_000, status: 204, succeeded: true }] },
    ]);
  });

  test('without an attempt log (real Stripe), records one delivery to every endpoint at once, from pending_webhooks', async () => {
    attempts = undefined;
    const { records, error } = await run();
    expect(error).toBeUndefined();
    expect(records).toEqual([
      {
        source: 'provider-pending-webhooks',
        sender: 'provider',
        eventType: 'charge.refunded',
        eventId: 'evt_1',
        objectId: 'ch_1',
        attempts: [],
        outcome: 'delivered',
        observedAt: expect.any(Number),
      },
    ]);
  });

  test('when pending_webhooks never reaches 0, the error ends naming each endpoint with no successful attempt and its attempts', async () => {
    pendingWebhooks = 2;
    attempts = [
      {
        id: 'wa_1',
        event: 'evt_1',
        endpoint: 'we_shop',
        url: shopUrl,
        attempt: 1,
        attempted_at: 1_790_000_001,
        response_status: 500,
        next_retry_at: 1_790_000_003,
        succeeded: false,
      },
      {
        id: 'wa_2',
        event: 'evt_1',
        endpoint: 'we_shop',
        url: shopUrl,
        attempt: 2,
        attempted_at: 1_790_000_003,
        response_status: 500,
        next_retry_at: 1_790_000_009,
        succeeded: false,
      },
      {
        id: 'wa_3',
        event: 'evt_1',
        endpoint: 'we_shop',
        url: shopUrl,
        attempt: 3,
        attempted_at: 1_790_000_009,
        response_status: null,
        error: 'connect ECONNREFUSED 127.0.0.1:1',
        next_retry_at: null,
        succeeded: false,
      },
      {
        id: 'wa_4',
        event: 'evt_1',
        endpoint: 'we_ref',
        url: referralUrl,
        attempt: 1,
        attempted_at: 1_790_000_001,
        response_status: 200,
        next_retry_at: null,
        succeeded: true,
      },
      {
        id: 'wa_5',
        event: 'evt_1',
        endpoint: 'we_slow',
        url: slowUrl,
        attempt: 1,
        attempted_at: 1_790_000_005,
        response_status: 503,
        next_retry_at: 1_790_000_065,
        succeeded: false,
      },
    ];
    const { records, error } = await run();
    expect(error?.message).toContain('charge.refunded (evt_1) delivered to every webhook endpoint (pending_webhooks 0)');
    expect(error?.message).toContain('last seen: pending_webhooks 2');
    const message = error?.message ?? '';
    expect(message.slice(message.indexOf(' Not delivered: '))).toBe(
      ` Not delivered: ${shopUrl}: 3 attempts: HTTP 500 at 14:13:21 UTC, HTTP 500 at 14:13:23 UTC, ` +
        `no answer: connect ECONNREFUSED 127.0.0.1:1 at 14:13:29 UTC, no more retries; ${slowUrl}: 1 attempt: HTTP 503 at 14:13:25 UTC.`,
    );
    expect(error?.message).not.toContain(referralUrl);
    const outcomes = Object.fromEntries(records.map((record) => [record.endpoint?.id, record.outcome]));
    expect(outcomes).toMatchObject({ we_shop: 'failed', we_ref: 'delivered' });
    expect(records.find((record) => record.endpoint?.id === 'we_shop')?.attempts.at(-1)).toEqual({
      at: 1_790_000_009_000,
      status: null,
      error: 'connect ECONNREFUSED 127.0.0.1:1',
      succeeded: false,
    });
  });

  test("without an attempt log, a pending_webhooks that never reaches 0 fails with the wait's own words and is recorded undelivered", async () => {
    pendingWebhooks = 1;
    attempts = undefined;
    const { records, error } = await run();
    expect(error?.message).toContain('last seen: pending_webhooks 1');
    expect(error?.message).not.toContain('Not delivered');
    expect(records).toEqual([expect.objectContaining({ source: 'provider-pending-webhooks', attempts: [], outcome: 'failed' })]);
    expect(records[0]?.endpoint).toBeUndefined();
  });
});
