import { test, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { EvidenceMissingError } from '../../../../src/run/polling/pollUntil';
import { startWebhookSink, type WebhookSink } from '../../../../src/run/webhooks/webhookSink';

const referralSecret = `whsec_${randomBytes(24).toString('base64')}`;
const stripeSecret = `whsec_${randomBytes(16).toString('hex')}`;

let sink: WebhookSink;

test.beforeEach(async () => {
  sink = await startWebhookSink();
  sink.trustStandardWebhooksSecret(referralSecret);
  sink.trustStripeSecret(stripeSecret);
});

test.afterEach(async () => {
  await sink.close();
});

function referralEvent(type: string, id = `msg_${randomBytes(4).toString('hex')}`): string {
  return JSON.stringify({ id, type, timestamp: new Date().toISOString(), data: { id: 'cm_1', object: 'commission' } });
}

async function postStandard(body: string, options: { secret?: string; at?: Date; id?: string } = {}): Promise<Response> {
  const id = options.id ?? JSON.parse(body).id;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? referralSecret).sign(id, at, body);
  return fetch(sink.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
}

test('listens on loopback at /webhooks', () => {
  expect(sink.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/);
});

test('accepts a Standard Webhooks delivery signed with the trusted secret', async () => {
  const response = await postStandard(referralEvent('commission.created', 'msg_ok'));
  expect(response.status).toBe(204);
  const [delivery] = sink.deliveries();
  expect(delivery).toMatchObject({
    scheme: 'standard-webhooks',
    verified: true,
    eventId: 'msg_ok',
    eventType: 'commission.created',
    responseStatus: 204,
  });
  expect(delivery?.rejection).toBeUndefined();
});

test('rejects a forged signature', async () => {
  const forger = `whsec_${randomBytes(24).toString('base64')}`;
  const response = await postStandard(referralEvent('commission.refunded'), { secret: forger });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('forged signature');
  expect(sink.deliveries()[0]).toMatchObject({ verified: false, rejection: 'forged signature', responseStatus: 400 });
});

test('rejects a stale timestamp', async () => {
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
  const response = await postStandard(referralEvent('commission.created'), { at: tenMinutesAgo });
  expect(response.status).toBe(400);
  expect(sink.deliveries()[0]).toMatchObject({ verified: false, rejection: 'stale timestamp' });
});

test('rejects an unsigned request', async () => {
  const response = await fetch(sink.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: referralEvent('commission.created'),
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('unsigned');
  expect(sink.deliveries()[0]).toMatchObject({ scheme: 'unsigned', verified: false, eventType: 'commission.created' });
});

test('accepts a Stripe-signed delivery (generateTestHeaderString)', async () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: {} } });
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
  const response = await fetch(sink.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
  expect(response.status).toBe(204);
  expect(sink.deliveries()[0]).toMatchObject({
    scheme: 'stripe',
    verified: true,
    eventId: 'evt_1',
    eventType: 'checkout.session.completed',
  });
});

test('rejects a Stripe delivery signed with another secret or too long ago', async () => {
  const payload = JSON.stringify({ id: 'evt_2', object: 'event', type: 'charge.refunded' });
  const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_trusted' });
  const stale = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: stripeSecret,
    timestamp: Math.floor(Date.now() / 1000) - 600,
  });
  for (const header of [forged, stale]) {
    const response = await fetch(sink.url, { method: 'POST', headers: { 'stripe-signature': header }, body: payload });
    expect(response.status).toBe(400);
  }
  expect(sink.deliveries().map((d) => d.rejection)).toEqual(['forged signature', 'stale timestamp']);
});

test('records duplicates as they arrive', async () => {
  const body = referralEvent('conversion.created', 'msg_dup');
  await postStandard(body);
  await postStandard(body);
  expect(sink.deliveries().map((d) => d.eventId)).toEqual(['msg_dup', 'msg_dup']);
});

test('releases a waiting assertion the moment the delivery arrives', async () => {
  const waiting = sink.waitForDelivery((d) => d.eventType === 'commission.refunded', {
    what: 'commission.refunded for cm_1',
    timeoutMs: 10_000,
  });
  await postStandard(referralEvent('commission.created'));
  const sentAt = Date.now();
  await postStandard(referralEvent('commission.refunded', 'msg_refund'));
  const delivery = await waiting;
  expect(delivery.eventId).toBe('msg_refund');
  expect(Date.now() - sentAt).toBeLessThan(500);
});

test('resolves at once for a delivery that already arrived', async () => {
  await postStandard(referralEvent('commission.created', 'msg_early'));
  const delivery = await sink.waitForDelivery((d) => d.eventId === 'msg_early', { what: 'x', timeoutMs: 1 });
  expect(delivery.eventId).toBe('msg_early');
});

test('a rejected delivery never satisfies a wait', async () => {
  const forger = `whsec_${randomBytes(24).toString('base64')}`;
  await postStandard(referralEvent('commission.refunded'), { secret: forger });
  const error = await sink
    .waitForDelivery((d) => d.eventType === 'commission.refunded', { what: 'commission.refunded', timeoutMs: 100 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EvidenceMissingError);
  expect((error as Error).message).toContain('1 × rejected (forged signature)');
});

test("fails a wait with the sink's url and what did arrive", async () => {
  await postStandard(referralEvent('commission.created'));
  await postStandard(referralEvent('commission.created'));
  await postStandard(referralEvent('conversion.created'));
  const error = await sink
    .waitForDelivery((d) => d.eventType === 'commission.refunded', { what: 'commission.refunded for cm_1', timeoutMs: 200 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EvidenceMissingError);
  const missing = error as EvidenceMissingError;
  expect(missing.where).toBe(`the harness's webhook sink (${sink.url})`);
  const url = sink.url.replace(/[.]/g, '\\.');
  expect(missing.message).toMatch(
    new RegExp(
      `^Expected commission\\.refunded for cm_1 at the harness's webhook sink \\(${url}\\), but it did not appear within 0\\.\\d s ` +
        `\\(2 checks; last seen: 3 other deliveries: 2 × commission\\.created, 1 × conversion\\.created\\)\\.$`,
    ),
  );
});

test('announces every verified delivery to its arrivals, never a forged one', async () => {
  const announced: string[] = [];
  const stop = sink.arrivals.subscribe((delivery) => announced.push(delivery.eventType ?? '?'));
  await postStandard(referralEvent('commission.created'));
  await postStandard(referralEvent('commission.refunded'), { secret: `whsec_${randomBytes(24).toString('base64')}` });
  stop();
  await postStandard(referralEvent('conversion.created'));
  expect(announced).toEqual(['commission.created']);
});
