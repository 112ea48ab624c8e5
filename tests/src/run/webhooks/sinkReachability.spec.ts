import { test, expect } from '@playwright/test';
import type { ReferralPlatform, ReferralQuery } from '../../../../src/model/target/referralPlatform';
import type { ReferralDelivery, ReferralWebhookEndpoint } from '../../../../contracts/referral';
import { probeSinkReachability } from '../../../../src/run/webhooks/sinkReachability';
import { startWebhookSink, type WebhookSink } from '../../../../src/run/webhooks/webhookSink';
import { newEndpointSecret, postReferralDelivery } from './signedReferralDelivery';

const LOCAL_PLATFORM = 'http://127.0.0.1:4300';
const CLOUD_PLATFORM = 'https://api.referral.example';

/**
 * How the fake platform answers a ping: `deliver` posts the signed ping to the probe endpoint and logs the sink's answer;
 * `forge` posts it signed with another secret; `log-503` / `log-refused` only log a failed attempt; `silent` does nothing.
 */
type PingBehaviour = 'deliver' | 'forge' | 'log-503' | 'log-refused' | 'silent' | 'throws';

interface FakePlatform {
  platform: ReferralPlatform;
  created: Array<{ url: string; enabled_events: string[]; metadata?: Record<string, string> }>;
  deleted: string[];
  pinged: string[];
}

/** A referral platform with only what the probe uses; `otherLog` is already in its delivery log (filters ignored). */
function fakePlatform(ping: PingBehaviour | 'no-ping-api', otherLog: ReferralDelivery[] = []): FakePlatform {
  const created: FakePlatform['created'] = [];
  const deleted: string[] = [];
  const pinged: string[] = [];
  const log: ReferralDelivery[] = [...otherLog];
  const endpoints = new Map<string, ReferralWebhookEndpoint & { secret: string }>();
  const logAttempt = (messageId: string, endpoint: string, status: number | null, error: string | null): void => {
    log.unshift(
      logEntry({
        message_id: messageId,
        endpoint,
        response_status: status,
        error,
        status: status !== null && status < 300 ? 'success' : 'failed',
      }),
    );
  };
  const platform = {
    async createWebhookEndpoint(params: FakePlatform['created'][number]) {
      created.push(params);
      const endpoint = {
        id: `we_probe_${created.length}`,
        object: 'webhook_endpoint' as const,
        status: 'enabled',
        metadata: params.metadata ?? {},
        created: 0,
        url: params.url,
        enabled_events: params.enabled_events,
        secret: newEndpointSecret(),
      };
      endpoints.set(endpoint.id, endpoint);
      return endpoint;
    },
    async deleteWebhookEndpoint(id: string) {
      deleted.push(id);
      endpoints.delete(id);
    },
    // A platform that ignores the filters it is given: the probe must pick its own message out.
    async listDeliveries(_params?: ReferralQuery) {
      return { object: 'list' as const, data: [...log], has_more: false, url: '/v1/deliveries' };
    },
    ...(ping === 'no-ping-api'
      ? {}
      : {
          async pingWebhookEndpoint(id: string) {
            pinged.push(id);
            if (ping === 'throws') throw new Error('POST /v1/webhook_endpoints/we_probe_1/ping failed with 500');
            const endpoint = endpoints.get(id)!;
            const messageId = `msg_ping_${pinged.length}`;
            const message = { id: messageId, type: 'ping', data: { endpoint: id } };
            // As the platform does: the call returns at once, the attempt follows.
            if (ping === 'deliver' || ping === 'forge') {
              void postReferralDelivery(endpoint.url, ping === 'deliver' ? endpoint.secret : newEndpointSecret(), message).then(
                (response) => logAttempt(messageId, id, response.status, null),
                (error: unknown) => logAttempt(messageId, id, null, String(error)),
              );
            }
            if (ping === 'log-503') logAttempt(messageId, id, 503, null);
            if (ping === 'log-refused') logAttempt(messageId, id, null, 'connect ECONNREFUSED 203.0.113.9:443');
            return { id: messageId, object: 'message' as const, type: 'ping' as const, endpoint: id };
          },
        }),
  } as unknown as ReferralPlatform;
  return { platform, created, deleted, pinged };
}

function logEntry(fields: Partial<ReferralDelivery> & Pick<ReferralDelivery, 'message_id' | 'endpoint' | 'status'>): ReferralDelivery {
  return {
    id: `dlv_${Math.random().toString(36).slice(2)}`,
    object: 'delivery',
    event_type: 'ping',
    object_id: null,
    attempt: 1,
    trigger: 'ping',
    url: 'http://127.0.0.1:1/webhooks',
    response_status: null,
    response_body: null,
    duration_ms: 3,
    attempted_at: 1_790_000_000,
    next_attempt_at: null,
    error: null,
    ...fields,
  };
}

let sink: WebhookSink;

test.beforeEach(async () => {
  sink = await startWebhookSink();
});

test.afterEach(async () => {
  await sink.close();
});

test('never registers a loopback sink at a referral platform that is not on this machine', async () => {
  const fake = fakePlatform('deliver');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: CLOUD_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
  });
  expect(posture).toEqual({
    reachable: false,
    via: 'loopback',
    reason: "the referral platform (api.referral.example) is not on this machine, so it cannot reach the harness's sink on 127.0.0.1",
  });
  expect(fake.created).toEqual([]);
  expect(fake.pinged).toEqual([]);
});

test("is reachable when the platform's signed ping arrives at the sink; the probe endpoint is marked as the harness's and deleted", async () => {
  const fake = fakePlatform('deliver');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 5_000,
  });
  expect(posture).toEqual({ reachable: true, via: 'loopback' });
  expect(fake.created).toHaveLength(1);
  expect(fake.created[0]).toMatchObject({ url: sink.url, metadata: { created_by: 'dress-rehearsal' } });
  expect(fake.deleted).toEqual(['we_probe_1']);
  expect(sink.deliveries()).toMatchObject([{ verified: true, eventId: 'msg_ping_1' }]);
});

test('through a forwarder, a platform in the cloud is probed at the public URL, which the posture names', async () => {
  const fake = fakePlatform('deliver');
  // The sink's own address stands in for the tunnel's public URL: the fake platform delivers to whatever is registered.
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: CLOUD_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'forwarder',
    deadlineMs: 5_000,
  });
  expect(posture).toEqual({ reachable: true, via: 'forwarder', url: sink.url });
  expect(fake.created[0]?.url).toBe(sink.url);
  expect(fake.deleted).toEqual(['we_probe_1']);
});

test("is unreachable at once, with the delivery log's answer, when the ping failed there", async () => {
  const fake = fakePlatform('log-503');
  const started = Date.now();
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 20_000,
  });
  expect(posture).toEqual({
    reachable: false,
    via: 'loopback',
    reason: `the referral platform could not deliver a ping to ${sink.url}: HTTP 503`,
  });
  expect(Date.now() - started, 'decided from the log, not at the deadline').toBeLessThan(10_000);
  expect(fake.deleted).toEqual(['we_probe_1']);
});

test('an attempt that got no answer is unreachable with the reason the log gives', async () => {
  const fake = fakePlatform('log-refused');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: CLOUD_PLATFORM,
    sink,
    sinkUrl: 'https://abc.trycloudflare.com/probe-1/webhooks',
    via: 'forwarder',
    deadlineMs: 20_000,
  });
  expect(posture).toEqual({
    reachable: false,
    via: 'forwarder',
    url: 'https://abc.trycloudflare.com/probe-1/webhooks',
    reason:
      'the referral platform could not deliver a ping to https://abc.trycloudflare.com/probe-1/webhooks: no answer: connect ECONNREFUSED 203.0.113.9:443',
  });
});

test('a ping the sink rejects (signed with another secret) is not reaching it', async () => {
  const fake = fakePlatform('forge');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 20_000,
  });
  expect(posture.reachable).toBe(false);
  expect(posture.reason).toContain('HTTP 400');
});

test('is unreachable when nothing arrives and the log shows nothing before the deadline', async () => {
  const fake = fakePlatform('silent');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 300,
  });
  expect(posture).toEqual({
    reachable: false,
    via: 'loopback',
    reason: `the referral platform could not deliver a ping to ${sink.url}: no ping arrived within 0.3 s`,
  });
  expect(fake.deleted).toEqual(['we_probe_1']);
});

test("another message's failed ping in the log is not this probe's", async () => {
  const earlier = logEntry({ message_id: 'msg_ping_earlier', endpoint: 'we_old', status: 'failed', response_status: 503 });
  const fake = fakePlatform('deliver', [earlier]);
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 5_000,
  });
  expect(posture).toEqual({ reachable: true, via: 'loopback' });
});

test('the probe endpoint is deleted even when the ping request itself fails', async () => {
  const fake = fakePlatform('throws');
  // Whether that fails the probe or reads as unreachable is the caller's concern; the endpoint must not stay behind.
  await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: LOCAL_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
    deadlineMs: 300,
  }).catch(() => undefined);
  expect(fake.pinged).toEqual(['we_probe_1']);
  expect(fake.deleted).toEqual(['we_probe_1']);
});

test('a platform without a ping API is assumed reachable, saying so, and nothing is registered there', async () => {
  const onLoopback = fakePlatform('no-ping-api');
  expect(
    await probeSinkReachability({
      referral: onLoopback.platform,
      referralApiBase: LOCAL_PLATFORM,
      sink,
      sinkUrl: sink.url,
      via: 'loopback',
    }),
  ).toEqual({
    reachable: true,
    via: 'loopback',
    reason: 'assumed: the referral platform is on this machine and has no ping API',
  });
  const throughTunnel = fakePlatform('no-ping-api');
  expect(
    await probeSinkReachability({
      referral: throughTunnel.platform,
      referralApiBase: CLOUD_PLATFORM,
      sink,
      sinkUrl: 'https://t.example/p/webhooks',
      via: 'forwarder',
    }),
  ).toEqual({
    reachable: true,
    via: 'forwarder',
    url: 'https://t.example/p/webhooks',
    reason: 'assumed: the referral platform has no ping API to check REHEARSAL_SINK_URL with',
  });
  expect([...onLoopback.created, ...throughTunnel.created]).toEqual([]);
});

test('without a ping API, a loopback sink is still never assumed reachable from a platform in the cloud', async () => {
  const fake = fakePlatform('no-ping-api');
  const posture = await probeSinkReachability({
    referral: fake.platform,
    referralApiBase: CLOUD_PLATFORM,
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
  });
  expect(posture.reachable).toBe(false);
});
