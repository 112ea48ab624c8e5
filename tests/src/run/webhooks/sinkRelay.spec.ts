import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerWithRelay, SINK_RELAY_VARIABLES, startSinkRelay, type RunningSinkRelay } from '../../../../src/run/webhooks/sinkRelay';
import { startWebhookSink, type WebhookSink } from '../../../../src/run/webhooks/webhookSink';
import { newEndpointSecret, postReferralDelivery } from './signedReferralDelivery';

const secret = newEndpointSecret();
const message = { id: 'msg_relay_1', type: 'commission.created', data: { id: 'cm_1', object: 'commission' } };

let relay: RunningSinkRelay;
let sink: WebhookSink;
const servers: Server[] = [];

test.beforeEach(async () => {
  relay = await startSinkRelay({ port: 0 });
  sink = await startWebhookSink();
  sink.trustStandardWebhooksSecret(secret);
});

test.afterEach(async () => {
  await relay.close();
  await sink.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** `authorization` null: no header at all. */
function register(sinkId: string, target: string, authorization: string | null = `Bearer ${relay.token}`): Promise<Response> {
  return fetch(`${relay.url}/_relay/${sinkId}`, { method: 'PUT', headers: authorization === null ? {} : { authorization }, body: target });
}

function unregister(sinkId: string, authorization: string | null = `Bearer ${relay.token}`): Promise<Response> {
  return fetch(`${relay.url}/_relay/${sinkId}`, { method: 'DELETE', headers: authorization === null ? {} : { authorization } });
}

/** A loopback server that answers every request with `handle`. */
async function serve(handle: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback address nothing listens on (a server started and stopped). */
async function deadLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/webhooks`;
}

test('listens on loopback and hands out a registration token', () => {
  expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(relay.token).toMatch(/^[0-9a-f]{48}$/);
});

test('passes a delivery to the registered sink with its body and headers unchanged (the signature still verifies)', async () => {
  expect((await register('rh-run-1', sink.url)).status).toBe(204);
  const response = await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message, { 'x-delivery-attempt': '2' });
  expect(response.status).toBe(204);
  const [delivery] = sink.deliveries();
  expect(delivery).toMatchObject({ verified: true, eventId: 'msg_relay_1', eventType: 'commission.created' });
  expect(delivery?.payload).toMatchObject({ id: 'msg_relay_1', data: { id: 'cm_1' } });
  expect(delivery?.headers['webhook-id']).toBe('msg_relay_1');
  expect(delivery?.headers['x-delivery-attempt']).toBe('2');
});

test("passes the sink's answer back: a forged delivery is rejected with the sink's status and words", async () => {
  await register('rh-run-1', sink.url);
  const response = await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, newEndpointSecret(), message);
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('forged signature');
  expect(sink.deliveries()[0]).toMatchObject({ verified: false, rejection: 'forged signature' });
});

test('each registered sink gets only the deliveries for its own id', async () => {
  const other = await startWebhookSink();
  try {
    other.trustStandardWebhooksSecret(secret);
    await register('worker-a', sink.url);
    await register('worker-b', other.url);
    expect((await postReferralDelivery(`${relay.url}/worker-b/webhooks`, secret, message)).status).toBe(204);
    expect(other.deliveries()).toHaveLength(1);
    expect(sink.deliveries()).toHaveLength(0);
  } finally {
    await other.close();
  }
});

test('answers 404 to anything but POST /<sinkId>/webhooks for a registered sink', async () => {
  await register('rh-run-1', sink.url);
  const statuses = await Promise.all(
    [
      fetch(`${relay.url}/nobody/webhooks`, { method: 'POST', body: '{}' }),
      fetch(`${relay.url}/rh-run-1/webhooks`),
      fetch(`${relay.url}/rh-run-1`, { method: 'POST', body: '{}' }),
      fetch(`${relay.url}/rh-run-1/webhooks/more`, { method: 'POST', body: '{}' }),
      fetch(`${relay.url}/rh-run-1/other`, { method: 'POST', body: '{}' }),
      fetch(`${relay.url}/`, { method: 'POST', body: '{}' }),
    ].map(async (request) => (await request).status),
  );
  expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
  expect(sink.deliveries()).toEqual([]);
});

test('registration needs the token: without it, or with a wrong one, the relay answers 404 and registers nothing', async () => {
  const wrongToken = 'f'.repeat(relay.token.length) === relay.token ? 'e'.repeat(relay.token.length) : 'f'.repeat(relay.token.length);
  expect((await register('rh-run-1', sink.url, null)).status).toBe(404);
  expect((await register('rh-run-1', sink.url, `Bearer ${wrongToken}`)).status).toBe(404);
  expect((await register('rh-run-1', sink.url, 'Bearer short')).status).toBe(404);
  expect((await register('rh-run-1', sink.url, relay.token.slice(0, -1))).status).toBe(404);
  expect((await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message)).status).toBe(404);
  expect(sink.deliveries()).toEqual([]);
});

test('a sink that left is no longer reached; leaving needs the token too', async () => {
  await register('rh-run-1', sink.url);
  expect((await unregister('rh-run-1', null)).status).toBe(404);
  expect((await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message)).status).toBe(204);
  expect((await unregister('rh-run-1')).status).toBe(204);
  expect((await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, { ...message, id: 'msg_relay_2' })).status).toBe(404);
  expect(sink.deliveries()).toHaveLength(1);
});

test('refuses to register a sink that is not on this machine', async () => {
  const response = await register('rh-run-1', 'https://collector.example/webhooks');
  expect(response.status).toBe(400);
  expect((await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message)).status).toBe(404);
});

test('answers 502 when the registered sink no longer listens', async () => {
  await register('rh-run-1', await deadLoopbackUrl());
  const response = await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message);
  expect(response.status).toBe(502);
  expect(await response.text()).toContain('could not pass the delivery on');
});

test('a sink that drops the connection in the middle of its answer ends the relayed answer too, and the relay keeps serving', async () => {
  const dropping = await serve((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
    response.write('partial', () => response.socket?.destroy());
  });
  await register('dropper', `${dropping}/webhooks`);
  const relayed = await fetch(`${relay.url}/dropper/webhooks`, { method: 'POST', body: '{}' })
    .then((response) => response.text())
    .then(
      () => 'complete',
      () => 'cut off',
    );
  expect(relayed).toBe('cut off');
  await register('rh-run-1', sink.url);
  expect((await postReferralDelivery(`${relay.url}/rh-run-1/webhooks`, secret, message)).status).toBe(204);
});

test.describe('registerWithRelay', () => {
  test('registers nothing when the run has no relay (the environment does not name one)', async () => {
    expect(await registerWithRelay({}, 'https://t.example', 'rh-run-1', sink.url)).toBeUndefined();
    expect(await registerWithRelay({ [SINK_RELAY_VARIABLES.url]: relay.url }, 'https://t.example', 'rh-run-1', sink.url)).toBeUndefined();
  });

  test('registers the sink under its id, returns its public URL, and leave() unregisters it', async () => {
    const env = { [SINK_RELAY_VARIABLES.url]: relay.url, [SINK_RELAY_VARIABLES.token]: relay.token };
    const registered = await registerWithRelay(env, 'https://abc.trycloudflare.com', 'probe-42', sink.url);
    expect(registered?.url).toBe('https://abc.trycloudflare.com/probe-42/webhooks');
    expect((await postReferralDelivery(`${relay.url}/probe-42/webhooks`, secret, message)).status).toBe(204);
    await registered!.leave();
    expect((await postReferralDelivery(`${relay.url}/probe-42/webhooks`, secret, message)).status).toBe(404);
  });

  test('a relay that refuses the sink is an error naming the relay and its answer, never the token', async () => {
    const env = { [SINK_RELAY_VARIABLES.url]: relay.url, [SINK_RELAY_VARIABLES.token]: 'not-the-token' };
    const error = await registerWithRelay(env, 'https://t.example', 'probe-42', sink.url).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`The run's sink relay (${relay.url}) refused the sink: HTTP 404.`);
    expect((error as Error).message).not.toContain(relay.token);
  });
});
