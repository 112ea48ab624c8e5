import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { DeliveryRecord, FlowRecord } from '../../src/run/evidence/flowRecord';
import { readSinkPosture } from '../../src/run/webhooks/sinkPostureRecord';
import { runRehearse } from '../support/rehearseCommand';
import { plainText, runScenarioFilesInChildProcess } from './runScenarioInChildProcess';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';
import { freePort } from '../support/freePort';

const PURCHASE = 'scenarios/referral-purchase-refund.spec.ts';
const SUBSCRIPTION = 'scenarios/subscribe-renew-cancel.spec.ts';
const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;
/** The demo shop's own endpoint at the referral platform (sandbox/shop): a merchant endpoint the delivery log must show. */
const SHOP_REFERRAL_ENDPOINT = /\/webhooks\/referral$/;

test.describe.configure({ mode: 'parallel' });

test.describe('a rehearsal against services in the cloud (the sandbox plays cloud: SANDBOX_CLOUD=1)', () => {
  test.setTimeout(300_000);

  test('passes on the demo target, deciding every webhook item from the delivery logs and saying the sink was not used', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-cloud-'));
    try {
      const reportsDir = path.join(dir, 'reports');
      const run = await runRehearse(
        ['run'],
        {
          SANDBOX_CLOUD: '1',
          REHEARSAL_EVENT_TIMEOUT_MS: String(EVENT_TIMEOUT_MS),
          REHEARSAL_REPORTS_DIR: reportsDir,
          REHEARSAL_STATE_DIR: path.join(dir, 'state'),
        },
        { clean: true, timeoutMs: 280_000 },
      );
      const output = run.stdout + run.stderr;
      const told = output.split('\n').filter((line) => line.includes('Webhook sink: not reachable'));
      expect(told, 'the operator is told once that the sink cannot be reached, and how to bring it back').toHaveLength(1);
      expect(told[0]).toContain('REHEARSAL_SINK_URL');

      const runId = (await readdir(reportsDir)).find((name) => name.startsWith('rh-'));
      expect(runId, output.slice(-4_000)).toBeDefined();
      const runDir = path.join(reportsDir, runId!);
      const posture = await readSinkPosture(runDir);
      expect(posture, 'the run records the sink posture').toMatchObject({ reachable: false, via: 'loopback' });
      expect(posture?.reason).toMatch(/could not deliver a ping/);

      const records = await flowRecords(runDir);
      const purchase = records.find((record) => record.flow === 'referral-purchase-refund');
      expect(purchase?.status).toBe('passed');
      const deliveries = records.flatMap((record) => record.deliveries ?? []);
      expect(
        deliveries.filter((d) => d.source === 'harness-sink'),
        'nothing was decided by the sink',
      ).toEqual([]);
      const toShop = deliveries.filter((d) => d.source === 'referral-delivery-log' && SHOP_REFERRAL_ENDPOINT.test(d.endpoint?.url ?? ''));
      expect(new Set(toShop.map((d) => d.eventType)), "the referral platform's log shows every event delivered to the merchant").toEqual(
        new Set(['conversion.created', 'commission.created', 'commission.refunded']),
      );
      expect(toShop.every((d) => d.outcome === 'delivered')).toBe(true);
      expect(deliveries.some((d) => d.source === 'provider-delivery-attempts' && d.eventType === 'charge.refunded')).toBe(true);
      const sinkSteps = records
        .flatMap((record) => record.steps)
        .filter((step) => /harness's sink/.test(step.title) && step.status === 'skipped');
      expect(sinkSteps.length, 'the checks only the sink can make are skipped').toBeGreaterThan(0);
      expect(sinkSteps.every((step) => /sink was not used/.test(step.skipReason ?? ''))).toBe(true);

      const signoff = JSON.parse(await readFile(path.join(runDir, 'signoff.json'), 'utf8')) as {
        verdict: { kind: string; headline: string; reasons: string[] };
        items: Array<{ item: { id: string }; status: string; reason: string }>;
      };
      const delivered = signoff.items.find((verdict) => verdict.item.id === 'webhooks-delivered');
      expect(delivered?.status, delivered?.reason).toBe('passed');
      expect(JSON.stringify(delivered), 'the item says its evidence came from the delivery logs').toMatch(/delivery log/);
      expect(signoff.verdict.kind, `${signoff.verdict.headline}\n${signoff.verdict.reasons.join('\n')}\n${output.slice(-4_000)}`).toBe(
        'ready-pending-attestation',
      );
      expect(run.code, output.slice(-4_000)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('with REHEARSAL_SINK_URL set to a forwarder the platform can reach, the sink checks run', async () => {
    const port = await freePort();
    const forwarder = `http://127.0.0.1:${port}`;
    const run = await runScenarioFilesInChildProcess({
      specFiles: [PURCHASE, SUBSCRIPTION],
      faults: [],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
      noDeps: true,
      env: { SANDBOX_CLOUD: '1', SANDBOX_REACHABLE: forwarder, REHEARSAL_SINK_URL: forwarder, REHEARSAL_SINK_PORT: String(port) },
    });
    for (const t of run.tests) expect(t.result.status, `${t.title}: ${plainText(t.result.error?.message)}`).toBe('passed');
    expect(run.sinkPosture).toEqual({ reachable: true, via: 'forwarder', url: expect.stringMatching(new RegExp(`^${forwarder}/`)) });
    const deliveries = run.flowRecords.flatMap((record) => record.deliveries ?? []);
    const signed = deliveries.filter((d: DeliveryRecord) => d.source === 'harness-sink');
    expect(new Set(signed.map((d) => d.eventType)), "the platform's signed webhooks reached the sink through the forwarder").toEqual(
      new Set(['conversion.created', 'commission.created', 'commission.refunded']),
    );
    const skipped = run.flowRecords
      .flatMap((record) => record.steps)
      .filter((step) => step.status === 'skipped' && /harness's sink/.test(step.title));
    expect(skipped, 'no sink check is skipped').toEqual([]);
  });

  test("a merchant endpoint that fails its deliveries fails webhooks-delivered at step 3, naming the log's attempts", async () => {
    const run = await runScenarioFilesInChildProcess({
      specFiles: [PURCHASE],
      faults: ['shop.referral-webhook-fails'],
      eventTimeoutMs: EVENT_TIMEOUT_MS,
      noDeps: true,
      env: { SANDBOX_CLOUD: '1' },
    });
    const purchase = run.tests[0];
    expect(purchase?.result.status).toBe('failed');
    const record = run.flowRecords[0];
    const step3 = record?.steps.find((step) => step.title.startsWith('3.'));
    expect(step3?.status).toBe('failed');
    expect(step3?.failedItems, 'only the delivery item fails: the sale was credited').toEqual(['webhooks-delivered']);
    expect(step3?.error).toMatch(/\/webhooks\/referral/);
    expect(step3?.error).toContain('HTTP 503');
    const failed = (record?.deliveries ?? []).filter((d) => SHOP_REFERRAL_ENDPOINT.test(d.endpoint?.url ?? ''));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d) => d.outcome !== 'delivered' && d.attempts.every((a) => a.status === 503))).toBe(true);
  });
});

async function flowRecords(runDir: string): Promise<FlowRecord[]> {
  const dir = path.join(runDir, 'evidence', 'flows');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as FlowRecord));
}
