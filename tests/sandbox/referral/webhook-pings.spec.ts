import { Webhook } from 'standardwebhooks';
import { test, expect, type Platform } from './support/fixtures';

async function deliveries(platform: Platform, query: string): Promise<any[]> {
  const answer = await platform.api('GET', `/v1/deliveries${query}`);
  expect(answer.status).toBe(200);
  return answer.body.data;
}

async function ping(platform: Platform, endpointId: string): Promise<{ status: number; body: any }> {
  const answer = await platform.api('POST', `/v1/webhook_endpoints/${endpointId}/ping`);
  return { status: answer.status, body: answer.body };
}

test.describe('referral platform: pinging a webhook endpoint', () => {
  test('sends one signed ping to that endpoint only, whatever its events, and logs it with trigger ping', async ({ lab }) => {
    const platform = await lab.start();
    const pinged = await lab.receiver();
    const bystander = await lab.receiver();
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: pinged.url, enabled_events: ['commission.refunded'] }))
      .body;
    await platform.api('POST', '/v1/webhook_endpoints', { url: bystander.url, enabled_events: ['*'] });

    const answer = await ping(platform, endpoint.id);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^msg_/), object: 'message', type: 'ping', endpoint: endpoint.id });
    await expect.poll(() => deliveries(platform, `?message_id=${answer.body.id}`)).toHaveLength(1);
    const [logged] = await deliveries(platform, `?message_id=${answer.body.id}`);
    expect(logged).toMatchObject({
      object: 'delivery',
      endpoint: endpoint.id,
      url: pinged.url,
      event_type: 'ping',
      object_id: null,
      trigger: 'ping',
      attempt: 1,
      status: 'success',
      response_status: 200,
      next_attempt_at: null,
      error: null,
    });
    expect(pinged.received).toHaveLength(1);
    const { headers, body } = pinged.received[0]!;
    const message = new Webhook(endpoint.secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    });
    expect(message).toEqual({ id: answer.body.id, type: 'ping', timestamp: expect.any(String), data: { endpoint: endpoint.id } });
    expect(bystander.received, 'an endpoint that was not pinged receives nothing').toEqual([]);
    expect(await deliveries(platform, '?trigger=ping')).toHaveLength(1);
  });

  test('records a ping to a closed port as one failed attempt with its error, not retried', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    const closedUrl = receiver.url;
    await receiver.close();
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: closedUrl, enabled_events: ['*'] })).body;

    const answer = await ping(platform, endpoint.id);

    expect(answer.status).toBe(200);
    await expect.poll(() => deliveries(platform, `?message_id=${answer.body.id}`)).toHaveLength(1);
    const [logged] = await deliveries(platform, `?message_id=${answer.body.id}`);
    expect(logged).toMatchObject({ trigger: 'ping', attempt: 1, status: 'failed', response_status: null, next_attempt_at: null });
    expect(logged.error).toEqual(expect.stringMatching(/ECONNREFUSED|refused/i));
  });

  test('answers 404 for an unknown endpoint and 400 for a disabled one', async ({ lab }) => {
    const platform = await lab.start();
    const gone = await lab.receiver(() => ({ status: 410 }));
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: gone.url, enabled_events: ['*'] })).body;

    const unknown = await ping(platform, 'rwe_nope');
    expect(unknown).toEqual({
      status: 404,
      body: {
        error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such webhook_endpoint: 'rwe_nope'", param: 'id' },
      },
    });

    // A 410 answer disables the endpoint (the platform's rule for every delivery, pings included).
    const first = await ping(platform, endpoint.id);
    await expect.poll(async () => (await platform.api('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body.status).toBe('disabled');

    const refused = await ping(platform, endpoint.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'endpoint_disabled' });
    expect(refused.body.error.message).toContain('disabled');
    expect(await deliveries(platform, '?trigger=ping')).toEqual([
      expect.objectContaining({ message_id: first.body.id, response_status: 410 }),
    ]);
  });

  test('replays a ping sent with the same Idempotency-Key instead of sending another', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] })).body;
    const send = (key?: string) =>
      fetch(`${platform.url}/v1/webhook_endpoints/${endpoint.id}/ping`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, ...(key ? { 'idempotency-key': key } : {}) },
      });

    const first = await send('ping-once');
    const again = await send('ping-once');
    const firstBody = await first.json();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);

    // A later ping without a key is sent after anything the replay could have scheduled: once it is logged, count.
    const later = await (await send()).json();
    await expect.poll(() => deliveries(platform, `?message_id=${later.id}`)).toHaveLength(1);
    await expect.poll(() => receiver.received.length).toBe(2);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([firstBody.id, later.id]);
  });
});
