import { Webhook } from 'standardwebhooks';
import { test, expect, TEST_RETRY, type Platform } from './support/fixtures';
import { checkoutCompleted, deliverProviderEvent } from './support/providerEvents';

async function convert(platform: Platform): Promise<void> {
  const click = (await platform.click('alice')).body;
  await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: click.id }), platform.provider.webhookSecret);
}

async function deliveries(platform: Platform, query = ''): Promise<any[]> {
  return (await platform.api('GET', `/v1/deliveries${query}`)).body.data;
}

test.describe('referral platform: outgoing webhooks', () => {
  test('delivers commission.created signed so standardwebhooks verifies it', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['commission.created'] }))
      .body;
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    await convert(platform);

    await expect.poll(() => receiver.received.length).toBe(1);
    const { headers, body } = receiver.received[0]!;
    const verified = new Webhook(endpoint.secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    }) as { id: string; type: string; timestamp: string; data: { object: string; amount: number } };
    expect(verified.type).toBe('commission.created');
    expect(verified.id).toBe(headers['webhook-id']);
    expect(verified.id).toMatch(/^msg_/);
    expect(new Date(verified.timestamp).toISOString()).toBe(verified.timestamp);
    expect(verified.data).toMatchObject({ object: 'commission', amount: 400 });
    expect(() =>
      new Webhook(`whsec_${Buffer.from('someone else').toString('base64')}`).verify(body, headers as Record<string, string>),
    ).toThrow();
  });

  test('sends every event to a "*" endpoint and only its events to a filtered one', async ({ lab }) => {
    const platform = await lab.start();
    const everything = await lab.receiver();
    const conversionsOnly = await lab.receiver();
    await platform.api('POST', '/v1/webhook_endpoints', { url: everything.url, enabled_events: ['*'] });
    await platform.api('POST', '/v1/webhook_endpoints', { url: conversionsOnly.url, enabled_events: ['conversion.created'] });

    await convert(platform);

    await expect
      .poll(() => everything.received.map((r) => JSON.parse(r.body).type).sort())
      .toEqual(['commission.created', 'conversion.created']);
    await expect.poll(() => deliveries(platform)).toHaveLength(3);
    expect(conversionsOnly.received.map((r) => JSON.parse(r.body).type)).toEqual(['conversion.created']);
  });

  test('logs every delivery attempt, failures included', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver((n) => (n < 3 ? { status: 500, body: 'receiver is down' } : { status: 204 }));
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['conversion.created'] }))
      .body;

    await convert(platform);

    await expect.poll(() => deliveries(platform, `?endpoint=${endpoint.id}`)).toHaveLength(3);
    const log = (await deliveries(platform, `?endpoint=${endpoint.id}`)).reverse();
    expect(log.map((d) => [d.attempt, d.response_status, d.status])).toEqual([
      [1, 500, 'pending'],
      [2, 500, 'pending'],
      [3, 204, 'success'],
    ]);
    expect(new Set(log.map((d) => d.message_id)).size).toBe(1);
    expect(log[0]).toMatchObject({
      object: 'delivery',
      event_type: 'conversion.created',
      trigger: 'scheduled',
      url: receiver.url,
      response_body: 'receiver is down',
    });
    expect(log[0].next_attempt_at).toEqual(expect.any(Number));
    expect(log[2].next_attempt_at).toBeNull();
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect((await deliveries(platform, `?message_id=${log[0].message_id}`)).length).toBe(3);
  });

  test('gives up after the last retry and logs a network failure without a status', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    const deadUrl = receiver.url;
    await receiver.close();
    await platform.api('POST', '/v1/webhook_endpoints', { url: deadUrl, enabled_events: ['conversion.created'] });

    await convert(platform);

    await expect.poll(() => deliveries(platform)).toHaveLength(TEST_RETRY.maxAttempts);
    const log = (await deliveries(platform)).reverse();
    expect(log.map((d) => d.status)).toEqual(['pending', 'pending', 'failed']);
    expect(log.every((d) => d.response_status === null)).toBe(true);
  });

  test('disables an endpoint that answers 410', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver(() => ({ status: 410 }));
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] })).body;

    await convert(platform);

    await expect.poll(async () => (await platform.api('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body.status).toBe('disabled');
    await expect.poll(() => deliveries(platform)).toHaveLength(receiver.received.length);
    const log = await deliveries(platform);
    expect(log.every((d) => d.status === 'failed' && d.response_status === 410 && d.next_attempt_at === null)).toBe(true);
    expect(log.length).toBeLessThanOrEqual(2);
  });

  test('waits as long as Retry-After asks when the receiver answers 429', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['conversion.created'] });

    await convert(platform);

    await expect.poll(() => deliveries(platform), { timeout: 5000 }).toHaveLength(2);
    const [first, second] = (await deliveries(platform)).reverse();
    expect(first).toMatchObject({ response_status: 429, status: 'pending' });
    expect(second).toMatchObject({ status: 'success' });
    // The test schedule would retry after 50 ms; Retry-After: 1 must win.
    expect(second.attempted_at - first.attempted_at).toBeGreaterThanOrEqual(1);
    expect(first.next_attempt_at - first.attempted_at).toBeGreaterThanOrEqual(1);
  });

  test('shows the endpoint secret only in the create response', async ({ lab }) => {
    const platform = await lab.start();
    const created = await platform.api('POST', '/v1/webhook_endpoints', {
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['*'],
      metadata: { run: 'r1' },
    });
    expect(created.body).toMatchObject({
      object: 'webhook_endpoint',
      status: 'enabled',
      metadata: { run: 'r1' },
      secret: expect.stringMatching(/^whsec_/),
    });

    const retrieved = (await platform.api('GET', `/v1/webhook_endpoints/${created.body.id}`)).body;
    const listed = (await platform.api('GET', '/v1/webhook_endpoints')).body.data;
    expect(retrieved.secret).toBeUndefined();
    expect(listed.map((e: { id: string; secret?: string }) => [e.id, e.secret])).toEqual([[created.body.id, undefined]]);

    const deleted = await platform.api('DELETE', `/v1/webhook_endpoints/${created.body.id}`);
    expect(deleted.body).toEqual({ id: created.body.id, object: 'webhook_endpoint', deleted: true });
    expect((await platform.api('GET', `/v1/webhook_endpoints/${created.body.id}`)).status).toBe(404);
  });

  test('refuses endpoints that are not on loopback or name unknown events', async ({ lab }) => {
    const platform = await lab.start();
    const remote = await platform.api('POST', '/v1/webhook_endpoints', { url: 'https://example.com/hooks', enabled_events: ['*'] });
    const unknown = await platform.api('POST', '/v1/webhook_endpoints', {
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['payout.paid'],
    });
    expect(remote.status).toBe(400);
    expect(remote.body.error).toMatchObject({ type: 'invalid_request_error', param: 'url' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('enabled_events');
  });

  test('accepts a form-encoded endpoint as Stripe-style clients send it', async ({ lab }) => {
    const platform = await lab.start();
    const response = await fetch(`${platform.url}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks&enabled_events[]=commission.created&enabled_events[]=commission.refunded&metadata[run]=r2',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ enabled_events: ['commission.created', 'commission.refunded'], metadata: { run: 'r2' } });
  });

  test('stops retrying once the platform is closed', async ({ lab }) => {
    const retryAfterOneSecond = { firstDelayMs: 1000, factor: 1, maxAttempts: 3 };
    const platform = await lab.start({ webhookRetry: retryAfterOneSecond });
    const receiver = await lab.receiver(() => ({ status: 503 }));
    await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['conversion.created'] });
    await convert(platform);
    // Attempt 1 is answered and logged; attempt 2 is only a timer now, nothing is in flight.
    await expect.poll(async () => (await deliveries(platform)).map((d) => d.status)).toEqual(['pending']);

    await platform.close();
    // Absence cannot be awaited: wait past the moment the retry was due, then check it never came.
    await new Promise((resolve) => setTimeout(resolve, retryAfterOneSecond.firstDelayMs + 500));
    expect(receiver.received).toHaveLength(1);
  });
});
