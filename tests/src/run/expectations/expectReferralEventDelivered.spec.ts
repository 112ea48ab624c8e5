import { test, expect } from '@playwright/test';
import type { DeliveryRecord, TimelinePoint } from '../../../../src/run/evidence/flowRecord';
import { expectReferralEventDelivered } from '../../../../src/run/expectations/expectReferralEventDelivered';
import type { ExpectationContext } from '../../../../src/run/expectations/expectationContext';
import type { ReferralPlatform, ReferralQuery } from '../../../../src/model/target/referralPlatform';
import type { ReferralDelivery, ReferralWebhookEndpoint } from '../../../../contracts/referral';
import { startWebhookSink } from '../../../../src/run/webhooks/webhookSink';
import { newEndpointSecret, postReferralDelivery } from '../webhooks/signedReferralDelivery';

// 1_790_000_001 s is 14:13:21 UTC.
const T = 1_790_000_000;
const expected = { type: 'commission.created', objectId: 'cm_1' };

function endpoint(id: string, fields: Partial<ReferralWebhookEndpoint> = {}): ReferralWebhookEndpoint {
  return {
    id,
    object: 'webhook_endpoint',
    url: `https://shop.example/${id}`,
    enabled_events: ['*'],
    status: 'enabled',
    metadata: {},
    created: T,
    ...fields,
  };
}

const shop = endpoint('we_shop', { url: 'https://shop.example/webhooks/referral' });

/** One attempt in the delivery log; by default a first attempt of msg_1 about cm_1 to the shop that succeeded. */
function attempt(fields: Partial<ReferralDelivery> = {}): ReferralDelivery {
  return {
    id: `dlv_${Math.random().toString(36).slice(2)}`,
    object: 'delivery',
    message_id: 'msg_1',
    event_type: 'commission.created',
    object_id: 'cm_1',
    endpoint: 'we_shop',
    attempt: 1,
    trigger: 'scheduled',
    url: shop.url,
    response_status: 200,
    response_body: null,
    duration_ms: 12,
    status: 'success',
    attempted_at: T + 1,
    next_attempt_at: null,
    error: null,
    ...fields,
  };
}

/** A referral platform with the endpoints and a delivery log; `log` is asked on every read (call number from 1). */
function platform(endpoints: ReferralWebhookEndpoint[], log: (call: number) => ReferralDelivery[]) {
  const queries: ReferralQuery[] = [];
  const referral = {
    listWebhookEndpoints: async () => ({ object: 'list', data: endpoints, has_more: false, url: '/v1/webhook_endpoints' }),
    // As a platform that ignores the filters: the expectation must pick its own deliveries out.
    listDeliveries: async (params: ReferralQuery = {}) => {
      queries.push(params);
      return { object: 'list', data: log(queries.length), has_more: false, url: '/v1/deliveries' };
    },
  } as unknown as ReferralPlatform;
  return { referral, queries };
}

function context(timeoutMs: number) {
  const attached = new Map<string, unknown>();
  const deliveries: DeliveryRecord[] = [];
  const points: TimelinePoint[] = [];
  const within: ExpectationContext = {
    evidence: {
      attachJson: async (name, value) => void attached.set(name, value),
      timeline: (point) => void points.push(point),
      delivery: (record) => void deliveries.push(record),
    },
    timeoutMs,
  };
  return { within, attached, deliveries, points };
}

test('passes when a failed attempt was retried and the retry delivered, and records both attempts for the endpoint', async () => {
  const { referral } = platform([shop], () => [
    attempt({ attempt: 2, attempted_at: T + 3, response_status: 200, status: 'success' }),
    attempt({ attempt: 1, attempted_at: T + 1, response_status: 503, status: 'pending', next_attempt_at: T + 3 }),
  ]);
  const { within, deliveries, points } = context(500);
  expect(await expectReferralEventDelivered({ referral }, expected, within)).toEqual({ messages: ['msg_1'] });
  expect(deliveries).toEqual([
    {
      source: 'referral-delivery-log',
      sender: 'referral-platform',
      eventType: 'commission.created',
      eventId: 'msg_1',
      objectId: 'cm_1',
      endpoint: { id: 'we_shop', url: shop.url },
      attempts: [
        { at: (T + 1) * 1000, status: 503, succeeded: false },
        { at: (T + 3) * 1000, status: 200, succeeded: true },
      ],
      outcome: 'delivered',
      observedAt: expect.any(Number),
    },
  ]);
  expect(points).toEqual([
    {
      lane: 'webhook',
      label: `commission.created delivered to ${shop.url} (attempt 2)`,
      at: (T + 3) * 1000,
      precision: 's',
      objectId: 'cm_1',
    },
  ]);
});

test('waits while the platform is still retrying, and passes when a retry succeeds', async () => {
  const failed = attempt({ response_status: 500, status: 'pending', next_attempt_at: T + 3 });
  const { referral, queries } = platform([shop], (call) => (call < 3 ? [failed] : [failed, attempt({ attempt: 2, attempted_at: T + 3 })]));
  const { within, deliveries } = context(5_000);
  await expect(expectReferralEventDelivered({ referral }, expected, within)).resolves.toEqual({ messages: ['msg_1'] });
  expect(queries.length).toBeGreaterThanOrEqual(3);
  expect(deliveries.map((record) => record.outcome)).toEqual(['delivered']);
});

test('asks the log for the endpoint, the object and the type', async () => {
  const { referral, queries } = platform([shop], () => [attempt()]);
  await expectReferralEventDelivered({ referral }, expected, context(500).within);
  expect(queries[0]).toMatchObject({ endpoint: 'we_shop', object_id: 'cm_1', event_type: 'commission.created' });
});

test('fails at once when the platform gave up (dead-lettered), naming the endpoint URL and its attempts', async () => {
  const { referral, queries } = platform([shop], () => [
    attempt({ attempt: 1, attempted_at: T + 1, response_status: 503, status: 'pending', next_attempt_at: T + 3 }),
    attempt({ attempt: 2, attempted_at: T + 3, response_status: 503, status: 'pending', next_attempt_at: T + 9 }),
    attempt({ attempt: 3, attempted_at: T + 9, response_status: null, error: 'timed out after 10 s', status: 'failed' }),
  ]);
  const { within, deliveries } = context(30_000);
  const error = (await expectReferralEventDelivered({ referral }, expected, within).catch((e: unknown) => e)) as Error;
  expect(error.message).toBe(
    `commission.created for cm_1 did not reach the merchant's endpoint ${shop.url}: 3 attempts: HTTP 503 at 14:13:21 UTC, HTTP 503 at 14:13:23 UTC, ` +
      "no answer: timed out after 10 s at 14:13:29 UTC; the referral platform gave up (its delivery log shows it failed): fix the endpoint, then redeliver from the platform's dashboard.",
  );
  expect(queries, 'decided on the first read of the log, not at the timeout').toHaveLength(1);
  // The flow record keeps the latest look per event and endpoint (src/run/evidence/deliveryKey.ts).
  expect(new Set(deliveries.map((record) => `${record.eventId} ${record.endpoint?.id}`))).toEqual(new Set(['msg_1 we_shop']));
  expect(deliveries.at(-1)).toMatchObject({ outcome: 'failed', endpoint: { id: 'we_shop', url: shop.url } });
  expect(deliveries.at(-1)?.attempts.at(-1)).toEqual({ at: (T + 9) * 1000, status: null, error: 'timed out after 10 s', succeeded: false });
});

test('fails at the timeout while the delivery is still being retried, naming its attempts, and records it undelivered', async () => {
  const { referral } = platform([shop], () => [
    attempt({ attempt: 1, attempted_at: T + 1, response_status: 500, status: 'pending', next_attempt_at: T + 3 }),
    attempt({ attempt: 2, attempted_at: T + 3, response_status: 500, status: 'pending', next_attempt_at: T + 9 }),
  ]);
  const { within, deliveries } = context(300);
  const error = (await expectReferralEventDelivered({ referral }, expected, within).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain(`commission.created for cm_1 delivered to the merchant's endpoint ${shop.url}`);
  expect(error.message).toContain('2 attempts: HTTP 500 at 14:13:21 UTC, HTTP 500 at 14:13:23 UTC; next attempt at 14:13:29 UTC');
  expect(deliveries.at(-1)).toMatchObject({ outcome: 'failed', eventId: 'msg_1', attempts: [{ status: 500 }, { status: 500 }] });
});

test("ignores the harness's own endpoints, disabled ones and those not subscribed to the event", async () => {
  const endpoints = [
    endpoint('we_harness', { metadata: { created_by: 'dress-rehearsal', run_id: 'rh-1' } }),
    endpoint('we_disabled', { status: 'disabled' }),
    endpoint('we_refunds_only', { enabled_events: ['commission.refunded'] }),
    endpoint('we_listed', { enabled_events: ['conversion.created', 'commission.created'] }),
    endpoint('we_all'),
  ];
  const { referral, queries } = platform(endpoints, () => [
    attempt({ endpoint: 'we_listed', message_id: 'msg_listed' }),
    attempt({ endpoint: 'we_all', message_id: 'msg_all' }),
    // Were the harness's endpoint looked at, its dead-lettered delivery would fail the expectation.
    attempt({ endpoint: 'we_harness', message_id: 'msg_harness', status: 'failed', response_status: 500 }),
    attempt({ endpoint: 'we_disabled', message_id: 'msg_disabled', status: 'failed', response_status: 500 }),
  ]);
  const { within, attached, deliveries } = context(500);
  expect(await expectReferralEventDelivered({ referral }, expected, within)).toEqual({ messages: ['msg_listed', 'msg_all'] });
  expect(queries.map((query) => query.endpoint).sort()).toEqual(['we_all', 'we_listed']);
  expect(deliveries.map((record) => record.endpoint?.id).sort()).toEqual(['we_all', 'we_listed']);
  expect(attached.get("commission.created for cm_1: the merchant's endpoints that receive it")).toEqual({
    endpoints: [
      { id: 'we_listed', url: 'https://shop.example/we_listed', enabled_events: ['conversion.created', 'commission.created'] },
      { id: 'we_all', url: 'https://shop.example/we_all', enabled_events: ['*'] },
    ],
  });
});

test("does not take another object's, another type's or another endpoint's delivery for this one", async () => {
  const { referral } = platform([shop], () => [
    attempt({ object_id: 'cm_other', message_id: 'msg_other_object' }),
    attempt({ event_type: 'commission.refunded', message_id: 'msg_other_type' }),
    attempt({ endpoint: 'we_elsewhere', message_id: 'msg_other_endpoint' }),
    attempt({ event_type: 'ping', object_id: null, message_id: 'msg_ping' }),
  ]);
  const error = (await expectReferralEventDelivered({ referral }, expected, context(300).within).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain('no delivery of it in the log yet');
});

test("takes a platform's delivery that does not say which object it is about", async () => {
  const { object_id: _left, ...withoutObject } = attempt();
  const { referral } = platform([shop], () => [withoutObject]);
  await expect(expectReferralEventDelivered({ referral }, expected, context(500).within)).resolves.toEqual({ messages: ['msg_1'] });
});

test('a message already checked (besides) is not taken for this one', async () => {
  const earlier = attempt({ event_type: 'commission.refunded', message_id: 'msg_first_refund', attempted_at: T + 1 });
  const refunded = { type: 'commission.refunded', objectId: 'cm_1' };
  const onlyEarlier = platform([shop], () => [earlier]);
  await expect(expectReferralEventDelivered({ referral: onlyEarlier.referral }, refunded, context(500).within)).resolves.toEqual({
    messages: ['msg_first_refund'],
  });
  const error = (await expectReferralEventDelivered(
    { referral: onlyEarlier.referral },
    { ...refunded, besides: ['msg_first_refund'] },
    context(300).within,
  ).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain('no delivery of it in the log yet');

  // Once the second refund's message is in the log, it is the one taken.
  const second = attempt({ event_type: 'commission.refunded', message_id: 'msg_second_refund', attempted_at: T + 20 });
  const both = platform([shop], () => [earlier, second]);
  await expect(
    expectReferralEventDelivered({ referral: both.referral }, { ...refunded, besides: ['msg_first_refund'] }, context(500).within),
  ).resolves.toEqual({
    messages: ['msg_second_refund'],
  });
});

test('names only the endpoint that failed when another one was delivered', async () => {
  const backup = endpoint('we_backup', { url: 'https://backup.example/hooks' });
  const { referral } = platform([shop, backup], () => [
    attempt(),
    attempt({ endpoint: 'we_backup', url: backup.url, message_id: 'msg_2', response_status: 410, status: 'failed' }),
  ]);
  const error = (await expectReferralEventDelivered({ referral }, expected, context(5_000).within).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain(`did not reach the merchant's endpoint ${backup.url}: 1 attempt: HTTP 410 at 14:13:21 UTC`);
  expect(error.message).not.toContain(shop.url);
});

test("records each merchant endpoint's delivery separately, with its own attempts", async () => {
  const backup = endpoint('we_backup', { url: 'https://backup.example/hooks' });
  const { referral } = platform([shop, backup], () => [
    attempt(),
    attempt({
      endpoint: 'we_backup',
      url: backup.url,
      message_id: 'msg_2',
      response_status: 502,
      status: 'pending',
      next_attempt_at: T + 5,
    }),
    attempt({ endpoint: 'we_backup', url: backup.url, message_id: 'msg_2', attempt: 2, attempted_at: T + 5 }),
  ]);
  const { within, deliveries } = context(500);
  expect(await expectReferralEventDelivered({ referral }, expected, within)).toEqual({ messages: ['msg_1', 'msg_2'] });
  const byEndpoint = Object.fromEntries(deliveries.map((record) => [record.endpoint!.url, record]));
  expect(byEndpoint[shop.url]).toMatchObject({ eventId: 'msg_1', outcome: 'delivered', attempts: [{ status: 200, succeeded: true }] });
  expect(byEndpoint[backup.url]).toMatchObject({
    eventId: 'msg_2',
    outcome: 'delivered',
    attempts: [
      { status: 502, succeeded: false },
      { status: 200, succeeded: true },
    ],
  });
});

test('with no merchant endpoint that receives the event, passes with nothing to deliver and says so in the evidence', async () => {
  const { referral, queries } = platform([endpoint('we_harness', { metadata: { created_by: 'dress-rehearsal' } })], () => []);
  const { within, attached, deliveries } = context(300);
  expect(await expectReferralEventDelivered({ referral }, expected, within)).toEqual({ messages: [] });
  expect(queries).toEqual([]);
  expect(deliveries).toEqual([]);
  expect(attached.get("commission.created for cm_1: the merchant's endpoints that receive it")).toEqual({
    endpoints: [],
    note: 'no merchant endpoint at the referral platform receives commission.created: nothing to deliver to',
  });
});

test.describe('with the harness sink', () => {
  const secret = newEndpointSecret();
  const message = { id: 'msg_sink', type: 'commission.created', data: { id: 'cm_1', object: 'commission' } };

  test('the sink must also receive the event with a valid signature, even when the log says it was delivered', async () => {
    const sink = await startWebhookSink();
    try {
      sink.trustStandardWebhooksSecret(secret);
      const { referral } = platform([shop], () => [attempt()]);
      await postReferralDelivery(sink.url, newEndpointSecret(), message); // forged: does not count
      const error = (await expectReferralEventDelivered({ referral, webhookSink: sink }, expected, context(300).within).catch(
        (e: unknown) => e,
      )) as Error;
      expect(error.message).toContain('commission.created for cm_1 with a valid signature');
    } finally {
      await sink.close();
    }
  });

  test("passes when both the merchant's endpoint and the sink got it, and records the sink's delivery apart", async () => {
    const sink = await startWebhookSink();
    try {
      sink.trustStandardWebhooksSecret(secret);
      const { referral } = platform([shop], () => [attempt()]);
      expect((await postReferralDelivery(sink.url, secret, message)).status).toBe(204);
      const { within, deliveries } = context(500);
      const delivered = await expectReferralEventDelivered({ referral, webhookSink: sink }, expected, within);
      expect(delivered.messages).toEqual(['msg_1']);
      expect(delivered.sinkDelivery).toMatchObject({ eventId: 'msg_sink', verified: true });
      expect(deliveries.map((record) => [record.source, record.endpoint?.url, record.outcome])).toEqual([
        ['referral-delivery-log', shop.url, 'delivered'],
        ['harness-sink', sink.url, 'delivered'],
      ]);
      expect(deliveries[1]).toMatchObject({
        sender: 'referral-platform',
        eventId: 'msg_sink',
        attempts: [{ status: 204, succeeded: true }],
      });
    } finally {
      await sink.close();
    }
  });

  test('with no merchant endpoint, the sink alone decides', async () => {
    const sink = await startWebhookSink();
    try {
      sink.trustStandardWebhooksSecret(secret);
      const { referral } = platform([], () => []);
      await postReferralDelivery(sink.url, secret, message);
      const delivered = await expectReferralEventDelivered({ referral, webhookSink: sink }, expected, context(500).within);
      expect(delivered).toMatchObject({ messages: [], sinkDelivery: { eventId: 'msg_sink' } });
    } finally {
      await sink.close();
    }
  });
});
