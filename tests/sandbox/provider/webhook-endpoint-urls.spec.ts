import Stripe from 'stripe';
import { rejectionOf, webhookAttempts } from './support/fixtures';
import { customerCreatedEvent, expect, test } from './support/providerLab';

const NOT_DELIVERED = 'not delivered: the sandbox delivers to loopback addresses only';

test.describe('webhook endpoint URLs', () => {
  test('registers an https endpoint off this machine, and records its deliveries as not delivered without sending anything', async ({
    lab,
  }) => {
    const endpoint = await lab.stripe.webhookEndpoints.create({
      url: 'https://shop.example.com/webhooks/stripe',
      enabled_events: ['customer.created'],
    });
    expect(endpoint).toMatchObject({ url: 'https://shop.example.com/webhooks/stripe', status: 'enabled' });

    const event = await customerCreatedEvent(lab.stripe);
    await expect.poll(async () => (await webhookAttempts(lab.provider, { event: event.id, endpoint: endpoint.id })).length).toBe(1);
    const [attempt] = await webhookAttempts(lab.provider, { event: event.id, endpoint: endpoint.id });
    expect(attempt).toMatchObject({
      attempt: 1,
      url: endpoint.url,
      response_status: null,
      error: NOT_DELIVERED,
      succeeded: false,
      next_retry_at: null,
    });
    expect(attempt!.duration_ms, 'no network request was made').toBeLessThan(100);
    expect((await lab.stripe.events.retrieve(event.id)).pending_webhooks).toBe(1);
  });

  test('still delivers to a loopback endpoint next to one off this machine', async ({ lab }) => {
    const receiver = await lab.listen();
    await lab.stripe.webhookEndpoints.create({ url: 'http://203.0.113.10/hooks', enabled_events: ['customer.created'] });
    await lab.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
    const event = await customerCreatedEvent(lab.stripe);
    await receiver.waitFor('the customer.created event', (delivery) => delivery.event.id === event.id);
  });

  for (const url of ['ftp://127.0.0.1/hooks', 'not a url', 'mailto:ops@example.com']) {
    test(`refuses ${JSON.stringify(url)}, which is not an http(s) URL`, async ({ lab }) => {
      const error = await rejectionOf(lab.stripe.webhookEndpoints.create({ url, enabled_events: ['*'] }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect([error.param, error.code]).toEqual(['url', 'url_invalid']);
    });
  }

  test('takes away an event with update, disables and deletes an endpoint', async ({ lab }) => {
    const receiver = await lab.listen();
    const endpoint = await lab.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['customer.created', 'charge.refunded'],
    });
    const updated = await lab.stripe.webhookEndpoints.update(endpoint.id, { enabled_events: ['charge.refunded'] });
    expect(updated.enabled_events).toEqual(['charge.refunded']);
    const event = await customerCreatedEvent(lab.stripe);
    expect(event.pending_webhooks, 'no endpoint wants customer.created any more').toBe(0);

    expect((await lab.stripe.webhookEndpoints.update(endpoint.id, { disabled: true })).status).toBe('disabled');
    expect(await lab.stripe.webhookEndpoints.del(endpoint.id)).toMatchObject({ id: endpoint.id, deleted: true });
    expect((await lab.stripe.webhookEndpoints.list()).data).toEqual([]);
  });
});
