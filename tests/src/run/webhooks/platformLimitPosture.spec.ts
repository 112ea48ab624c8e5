import { test, expect } from '@playwright/test';
import type { ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import { parseSinkPosture, sinkPostureNotice } from '../../../../src/run/webhooks/sinkPostureRecord';
import { probeSinkReachability } from '../../../../src/run/webhooks/sinkReachability';
import { startWebhookSink, type WebhookSink } from '../../../../src/run/webhooks/webhookSink';

/* A platform whose API registers no webhook endpoint (Rewardful, Dub): the sink is not reachable, with its reason. */

const REASON = "Acme's API has no webhook endpoints: they are added on its dashboard";

let sink: WebhookSink;
test.beforeAll(async () => {
  sink = await startWebhookSink();
});
test.afterAll(async () => {
  await sink.close();
});

test("no webhook endpoint API: not reachable with the platform's reason, whatever the route, and the notice says no tunnel helps", async () => {
  const acme = { displayName: 'Acme', limits: { webhookEndpoints: REASON } } as unknown as ReferralPlatform;
  for (const via of ['loopback', 'forwarder'] as const) {
    const posture = await probeSinkReachability({ referral: acme, referralApiBase: 'http://127.0.0.1:4300', sink, sinkUrl: sink.url, via });
    expect(posture).toMatchObject({ reachable: false, via, reason: REASON, platformLimit: true });
    expect(parseSinkPosture(JSON.parse(JSON.stringify(posture)))).toEqual(posture);
    expect(sinkPostureNotice(posture, 4480)).toBe(
      `Webhook sink: not used (${REASON}). The checks only the sink can make (the platform's signatures and what its webhooks carry) are skipped, whatever REHEARSAL_SINK_URL says.`,
    );
  }
  const noLimitsSaid = await probeSinkReachability({
    referral: { displayName: 'Acme' } as unknown as ReferralPlatform,
    referralApiBase: 'http://127.0.0.1:4300',
    sink,
    sinkUrl: sink.url,
    via: 'loopback',
  });
  expect(noLimitsSaid.reason).toBe("Acme's adapter has no createWebhookEndpoint, deleteWebhookEndpoint");
});
