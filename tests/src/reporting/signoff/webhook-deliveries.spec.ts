import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FlowRecord } from '../../../../src/run/evidence/flowRecord';
import { buildSignoff, type BuiltSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import { deliveryEvidenceClause } from '../../../../src/reporting/signoff/deliveryEvidence';
import { addUpDeliveries } from '../../../../src/reporting/signoff/deliveryTotals';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { deliveryLines, signoffSummaryLines } from '../../../../src/reporting/signoff/signoffLines';
import type { WebhookSinkStatus } from '../../../../src/reporting/signoff/webhookSinkStatus';
import {
  attempt,
  D0,
  delivery,
  FORWARDED_SINK_URL,
  purchaseDeliveries,
  SHOP_PROVIDER_ENDPOINT,
  SHOP_REFERRAL_ENDPOINT,
  sinkDeliveries,
} from './syntheticDeliveries';
import { purchaseFlow, RUN_ID, skippedDeclinesFlow, SYNTHETIC_RUN_FACTS, writeSyntheticRun } from './syntheticRun';

const STRIPE_URL = SHOP_PROVIDER_ENDPOINT.url;
const REFERRAL_URL = SHOP_REFERRAL_ENDPOINT.url;
const SINK_UNREACHABLE: WebhookSinkStatus = {
  reachable: false,
  via: 'loopback',
  reason: 'the referral platform at https://api.referral.example cannot reach 127.0.0.1:4480; set REHEARSAL_SINK_URL to a forwarder.',
};
const SINK_FORWARDED: WebhookSinkStatus = { reachable: true, via: 'forwarder', url: FORWARDED_SINK_URL };
const SOURCES =
  "the provider's delivery attempts (3 events), the provider's pending_webhooks (2 events), the referral platform's delivery log (3 messages)";

const REFUND_RETRIED =
  `provider → ${STRIPE_URL}: charge.refunded evt_refund (ch_1) delivered after 2 failed attempts; ` +
  'attempts: HTTP 503 at 17:45:22 UTC, HTTP 503 at 17:45:32 UTC, HTTP 200 at 17:45:52 UTC';
const INVOICE_DEAD_LETTERED =
  `provider → ${STRIPE_URL}: invoice.paid evt_invoice (in_1) failed (dead-lettered, or undelivered when the harness stopped waiting); ` +
  'attempts: HTTP 503 at 17:45:23 UTC, HTTP 503 at 17:45:33 UTC, HTTP 503 at 17:45:53 UTC';
const REVERSAL_RETRYING =
  `referral platform → ${REFERRAL_URL}: commission.refunded msg_reversal (comm_1) not delivered yet, the sender will retry; ` +
  'attempts: no answer (connection refused) at 17:45:26 UTC';

/** An earlier look at the payment's delivery, by another test: the later look (delivered) is the one that counts. */
function staleLookAtPayment() {
  return delivery({
    source: 'provider-delivery-attempts',
    sender: 'provider',
    endpoint: SHOP_PROVIDER_ENDPOINT,
    eventType: 'checkout.session.completed',
    eventId: 'evt_pay',
    attempts: [attempt(1, 503)],
    outcome: 'retrying',
    observedAt: D0 + 10_000,
  });
}

test.describe('adding up the delivery records per endpoint', () => {
  test('counts events, deliveries, attempts and a success rate per merchant endpoint; dead-lettered is failed, retried-then-delivered is delivered with its retries', () => {
    const totals = addUpDeliveries([...purchaseDeliveries(), staleLookAtPayment()], undefined)!;
    expect(totals.endpoints).toEqual([
      {
        sender: 'provider',
        url: STRIPE_URL,
        events: 3,
        delivered: 2,
        failed: 1,
        retrying: 0,
        attempts: 7,
        failedAttempts: 5,
        firstAttemptSuccesses: 1,
        successRate: 66.7,
        sources: ['provider-delivery-attempts'],
      },
      {
        sender: 'referral-platform',
        url: REFERRAL_URL,
        events: 3,
        delivered: 2,
        failed: 0,
        retrying: 1,
        attempts: 3,
        failedAttempts: 1,
        firstAttemptSuccesses: 2,
        successRate: 66.7,
        sources: ['referral-delivery-log'],
      },
    ]);
    expect(totals.troubled.map((entry) => [entry.eventId, entry.outcome, entry.attempts.length])).toEqual([
      ['evt_refund', 'delivered', 3],
      ['evt_invoice', 'failed', 3],
      ['msg_reversal', 'retrying', 1],
    ]);
    expect(totals.troubled[1]!.attempts[0]).toEqual({ at: '2026-11-23T17:45:23.000Z', status: 503, succeeded: false });
    expect(totals.sink).toBeUndefined();
  });

  test('the same event to the same endpoint seen by two tests counts once, as the latest look shows it', () => {
    const fresh = purchaseDeliveries();
    const totals = addUpDeliveries([...fresh, staleLookAtPayment()], undefined)!;
    expect(totals.endpoints[0]).toMatchObject({ events: 3, delivered: 2, retrying: 0, firstAttemptSuccesses: 1 });
    const staleLast = addUpDeliveries([staleLookAtPayment(), ...fresh], undefined)!;
    expect(staleLast.endpoints).toEqual(totals.endpoints);
  });

  test('pending_webhooks records count apart, as events confirmed delivered to every provider endpoint; one still pending is named', () => {
    const stillPending = delivery({
      source: 'provider-pending-webhooks',
      sender: 'provider',
      eventType: 'invoice.paid',
      eventId: 'evt_late',
      attempts: [],
      outcome: 'failed',
    });
    const totals = addUpDeliveries([...purchaseDeliveries(), stillPending], undefined)!;
    expect(totals.pendingWebhooks).toEqual({ events: 3, delivered: 2, undelivered: 1, successRate: 66.7 });
    expect(totals.endpoints.map((row) => row.url)).toEqual([STRIPE_URL, REFERRAL_URL]);
    expect(totals.troubled.find((entry) => entry.eventId === 'evt_late')).toEqual({
      sender: 'provider',
      receiver: 'every-endpoint',
      source: 'provider-pending-webhooks',
      eventType: 'invoice.paid',
      eventId: 'evt_late',
      outcome: 'failed',
      attempts: [],
    });
  });

  test("the harness's sink is never a merchant endpoint: its deliveries count apart, with what webhook-sink.json says", () => {
    const failedAtSink = delivery({ ...sinkDeliveries()[0]!, eventId: 'msg_lost_at_sink', attempts: [], outcome: 'failed' });
    const totals = addUpDeliveries([...purchaseDeliveries(), ...sinkDeliveries(), failedAtSink], SINK_FORWARDED)!;
    expect(totals.endpoints.map((row) => [row.url, row.events])).toEqual([
      [STRIPE_URL, 3],
      [REFERRAL_URL, 3],
    ]);
    expect(totals.sink).toEqual({ reachable: true, via: 'forwarder', url: FORWARDED_SINK_URL, waitedFor: 3, received: 2 });
    expect(totals.troubled.at(-1)).toMatchObject({ receiver: 'harness-sink', eventId: 'msg_lost_at_sink', outcome: 'failed' });
  });

  test('no record, no totals: an older run says nothing rather than show a 0 % table', () => {
    expect(addUpDeliveries([], SINK_UNREACHABLE)).toBeUndefined();
  });
});

test.describe("where a delivery verdict's evidence came from", () => {
  test('names each log with its count, and why the sink was not used', () => {
    expect(deliveryEvidenceClause(purchaseDeliveries(), SINK_UNREACHABLE)).toBe(
      `Evidence: ${SOURCES}; the harness's sink was not used: the referral platform at https://api.referral.example cannot reach 127.0.0.1:4480; set REHEARSAL_SINK_URL to a forwarder.`,
    );
  });

  test('names what the sink received and through which forwarder', () => {
    expect(deliveryEvidenceClause([...purchaseDeliveries(), ...sinkDeliveries()], SINK_FORWARDED)).toBe(
      `Evidence: ${SOURCES}; the harness's sink received 2 signed deliveries via ${FORWARDED_SINK_URL}.`,
    );
    expect(deliveryEvidenceClause(sinkDeliveries(), { reachable: true, via: 'loopback' })).toBe(
      "Evidence: the harness's sink received 2 signed deliveries on this machine (loopback).",
    );
  });

  test('without webhook-sink.json the sink is named only by what it received', () => {
    expect(deliveryEvidenceClause(purchaseDeliveries(), undefined)).toBe(`Evidence: ${SOURCES}.`);
    expect(deliveryEvidenceClause([...purchaseDeliveries(), ...sinkDeliveries()], undefined)).toBe(
      `Evidence: ${SOURCES}; the harness's sink received 2 signed deliveries.`,
    );
  });

  test('a platform without a delivery log: its webhooks are named not observable, with its reason, and not counted', () => {
    const reason = "Rewardful's API lists no webhook deliveries: its dashboard's webhook log is the only record";
    const unobserved = [
      { sender: 'referral-platform' as const, eventType: 'conversion.created', objectId: 'conv_1', reason },
      { sender: 'referral-platform' as const, eventType: 'commission.created', objectId: 'cm_1', reason },
    ];
    expect(deliveryEvidenceClause(purchaseDeliveries(), SINK_UNREACHABLE, unobserved)).toBe(
      `Evidence: ${SOURCES}; the harness's sink was not used: the referral platform at https://api.referral.example cannot reach 127.0.0.1:4480; set REHEARSAL_SINK_URL to a forwarder; ` +
        `not observable: the referral platform's delivery of 2 messages (conversion.created, commission.created) to the merchant's endpoints, because ${reason}; not counted as delivered.`,
    );
    expect(deliveryEvidenceClause([], undefined, unobserved)).toMatch(/^Evidence: not observable: /);
  });

  test('no delivery record, no clause', () => {
    expect(deliveryEvidenceClause([], SINK_UNREACHABLE)).toBeUndefined();
  });
});

test.describe('the sign-off of a run with delivery records', () => {
  let root: string;

  test.beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'signoff-deliveries-'));
  });

  test.afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** The synthetic run with `deliveries` in its purchase flow and `sink` as evidence/webhook-sink.json. */
  async function signoffWith(name: string, deliveries: unknown[] | undefined, sink: WebhookSinkStatus | undefined): Promise<BuiltSignoff> {
    const runDir = path.join(root, name, RUN_ID);
    const purchase: FlowRecord = { ...purchaseFlow(), ...(deliveries ? { deliveries: deliveries as FlowRecord['deliveries'] } : {}) };
    await writeSyntheticRun(runDir, [purchase, skippedDeclinesFlow()]);
    if (sink) await writeFile(path.join(runDir, 'evidence', 'webhook-sink.json'), JSON.stringify(sink));
    return buildSignoff({ ...SYNTHETIC_RUN_FACTS, runDir, startedAt: D0 - 20_000, endedAt: D0 + 120_000, env: {} });
  }

  test("shows a table per endpoint and names the failing endpoint's deliveries with their attempts, in HTML and in the closing lines", async ({
    page,
  }) => {
    const unreadable = { source: 'harness-sink', sender: 'referral-platform', eventId: 'msg_no_endpoint', attempts: [], outcome: 'failed' };
    const built = await signoffWith('failing', [...purchaseDeliveries(), unreadable], SINK_UNREACHABLE);

    const document = JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument;
    expect(document.deliveries?.endpoints.map((row) => [row.url, row.delivered, row.events, row.successRate])).toEqual([
      [STRIPE_URL, 2, 3, 66.7],
      [REFERRAL_URL, 2, 3, 66.7],
    ]);
    expect(document.evidenceProblems).toContain(
      `evidence/flows/referral-purchase-refund--${RUN_ID}-w0-1.json: 1 delivery record could not be read; it counts no delivery`,
    );

    expect(deliveryLines(document)).toEqual([
      'Webhook deliveries:',
      `  provider → ${STRIPE_URL}: 2 of 3 events delivered (66.7 %), 1 failed; 7 attempts, 5 failed; from the provider's delivery attempts`,
      `  referral platform → ${REFERRAL_URL}: 2 of 3 events delivered (66.7 %), 1 still retrying; 3 attempts, 1 failed; from the referral platform's delivery log`,
      '  provider → every endpoint: 2 of 2 events confirmed delivered to every provider endpoint by pending_webhooks 0 (no per-endpoint attempts: the provider does not show them)',
      `  the harness's sink (not a merchant endpoint): not used: ${SINK_UNREACHABLE.reason}`,
      `! ${REFUND_RETRIED}`,
      `! ${INVOICE_DEAD_LETTERED}`,
      `! ${REVERSAL_RETRYING}`,
    ]);
    const console = signoffSummaryLines(built);
    expect(console.indexOf('Webhook deliveries:')).toBeGreaterThan(console.findIndex((line) => line.startsWith('Sign-off PDF')));

    await page.goto(pathToFileURL(built.html).href);
    await expect(page.getByRole('heading', { name: 'Webhook deliveries' })).toBeVisible();
    const table = page.getByTestId('deliveries');
    await expect(table.locator('thead th')).toHaveText([
      'Sender',
      'Endpoint',
      'Events delivered',
      'Success rate',
      'Attempts',
      'Failed attempts',
      'Evidence from',
    ]);
    const stripe = page.locator(`[data-testid="delivery-endpoint"][data-url="${STRIPE_URL}"]`);
    await expect(stripe.locator('td')).toContainText([
      'provider',
      STRIPE_URL,
      '2 of 3',
      '66.7 %',
      '7',
      '5',
      "the provider's delivery attempts",
    ]);
    await expect(stripe.locator('td').nth(2)).toContainText('1 failed');
    await expect(stripe.locator('td').nth(4)).toContainText('1 delivered at the first attempt');
    await expect(stripe).toHaveClass('row-failed');
    await expect(page.getByTestId('delivery-pending-webhooks').locator('td').nth(2)).toHaveText('2 of 2');
    await expect(page.getByTestId('delivery-sink')).toHaveText(
      `The harness's own sink (not a merchant endpoint, not counted above): not used: ${SINK_UNREACHABLE.reason}.`,
    );
    await expect(page.getByTestId('delivery-trouble')).toHaveText([REFUND_RETRIED, INVOICE_DEAD_LETTERED, REVERSAL_RETRYING]);
  });

  test('the webhooks-delivered item says where its evidence came from; its decision is unchanged', async ({ page }) => {
    const [withoutSink, forwarded] = [
      await signoffWith('not-used', purchaseDeliveries(), SINK_UNREACHABLE),
      await signoffWith('forwarded', [...purchaseDeliveries(), ...sinkDeliveries()], SINK_FORWARDED),
    ];
    const item = (built: BuiltSignoff) => built.document.items.find((verdict) => verdict.item.id === 'webhooks-delivered')!;
    expect(item(withoutSink).status).toBe('passed');
    expect(item(withoutSink).reason).toBe(
      `1 step passed in referral-purchase-refund. Evidence: ${SOURCES}; the harness's sink was not used: the referral platform at https://api.referral.example cannot reach 127.0.0.1:4480; set REHEARSAL_SINK_URL to a forwarder.`,
    );
    expect(item(forwarded).status).toBe('passed');
    expect(item(forwarded).reason).toBe(
      `1 step passed in referral-purchase-refund. Evidence: ${SOURCES}; the harness's sink received 2 signed deliveries via ${FORWARDED_SINK_URL}.`,
    );
    const others = (built: BuiltSignoff) =>
      built.document.items.filter((verdict) => verdict.item.id !== 'webhooks-delivered').map((verdict) => verdict.reason);
    expect(others(withoutSink).some((reason) => reason.includes('Evidence:'))).toBe(false);

    await page.goto(pathToFileURL(forwarded.html).href);
    const row = page.getByTestId('checklist-row-webhooks-delivered');
    await expect(row).toContainText(`the harness's sink received 2 signed deliveries via ${FORWARDED_SINK_URL}.`);
    await expect(row.getByRole('link', { name: 'Webhook deliveries per endpoint' })).toHaveAttribute('href', '#webhook-deliveries');
    await expect(page.locator('h2#webhook-deliveries')).toHaveText('Webhook deliveries');
    await expect(row.getByRole('link', { name: 'Harness sink: evidence/webhook-sink.json' })).toHaveAttribute(
      'href',
      'evidence/webhook-sink.json',
    );
    await expect(page.getByTestId('delivery-sink')).toContainText(
      `received 2 of 2 signed deliveries the tests waited for via ${FORWARDED_SINK_URL}`,
    );
    await expect(page.getByTestId('delivery-troubles')).toHaveCount(1);
  });

  test('a run whose records hold no delivery shows no delivery section, line or evidence clause, even with webhook-sink.json', async ({
    page,
  }) => {
    const built = await signoffWith('older-run', undefined, SINK_UNREACHABLE);
    expect(built.document.deliveries).toBeUndefined();
    expect(deliveryLines(built.document)).toEqual([]);
    expect(signoffSummaryLines(built).filter((line) => line.startsWith('Webhook deliveries') || line.includes('Evidence:'))).toEqual([]);
    expect(built.document.items.find((verdict) => verdict.item.id === 'webhooks-delivered')!.reason).toBe(
      '1 step passed in referral-purchase-refund.',
    );
    await page.goto(pathToFileURL(built.html).href);
    await expect(page.getByRole('heading', { name: 'Webhook deliveries' })).toHaveCount(0);
    await expect(page.getByTestId('deliveries')).toHaveCount(0);
    await expect(page.getByTestId('delivery-sink')).toHaveCount(0);
  });
});
