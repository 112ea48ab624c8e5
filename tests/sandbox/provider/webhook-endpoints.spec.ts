import Stripe from 'stripe';
import { test, expect, rejectionOf } from './support/fixtures';

test.describe('webhook endpoints', () => {
  test('creates an endpoint and returns its whsec_ signing secret once', async ({ stripe }) => {
    const ep = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['checkout.session.completed', 'charge.refunded'],
      description: 'rehearsal',
      metadata: { owner: 'tests' },
    });
    try {
      expect(ep.id).toMatch(/^we_/);
      expect(ep).toMatchObject({
        object: 'webhook_endpoint',
        url: 'http://127.0.0.1:9/hooks',
        enabled_events: ['checkout.session.completed', 'charge.refunded'],
        status: 'enabled',
        description: 'rehearsal',
        metadata: { owner: 'tests' },
        livemode: false,
      });
      expect(ep.secret).toMatch(/^whsec_.{16,}/);
      const retrieved = await stripe.webhookEndpoints.retrieve(ep.id);
      expect(retrieved.id).toBe(ep.id);
      expect(retrieved.url).toBe(ep.url);
      // Stripe returns the secret only in the create response.
      expect(retrieved.secret).toBeUndefined();
    } finally {
      await stripe.webhookEndpoints.del(ep.id).catch(() => undefined);
    }
  });

  test('lists endpoints', async ({ stripe }) => {
    const a = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/a', enabled_events: ['*'] });
    const b = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/b', enabled_events: ['charge.refunded'] });
    try {
      const list = await stripe.webhookEndpoints.list({ limit: 100 });
      expect(list.object).toBe('list');
      const ids = list.data.map((e) => e.id);
      expect(ids).toContain(a.id);
      expect(ids).toContain(b.id);
    } finally {
      await stripe.webhookEndpoints.del(a.id).catch(() => undefined);
      await stripe.webhookEndpoints.del(b.id).catch(() => undefined);
    }
  });

  test('updates url, enabled_events and disables then re-enables an endpoint', async ({ stripe }) => {
    const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/old', enabled_events: ['*'] });
    try {
      const updated = await stripe.webhookEndpoints.update(ep.id, { url: 'http://127.0.0.1:9/new', enabled_events: ['charge.refunded'] });
      expect(updated).toMatchObject({ id: ep.id, url: 'http://127.0.0.1:9/new', enabled_events: ['charge.refunded'], status: 'enabled' });
      const disabled = await stripe.webhookEndpoints.update(ep.id, { disabled: true });
      expect(disabled.status).toBe('disabled');
      expect((await stripe.webhookEndpoints.retrieve(ep.id)).status).toBe('disabled');
      const enabled = await stripe.webhookEndpoints.update(ep.id, { disabled: false });
      expect(enabled.status).toBe('enabled');
    } finally {
      await stripe.webhookEndpoints.del(ep.id).catch(() => undefined);
    }
  });

  test('deletes an endpoint, answering deleted: true, after which it is gone', async ({ stripe }) => {
    const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/gone', enabled_events: ['*'] });
    const deleted = await stripe.webhookEndpoints.del(ep.id);
    expect(deleted).toMatchObject({ id: ep.id, object: 'webhook_endpoint', deleted: true });
    const err = await rejectionOf(stripe.webhookEndpoints.retrieve(ep.id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
    const list = await stripe.webhookEndpoints.list({ limit: 100 });
    expect(list.data.map((e) => e.id)).not.toContain(ep.id);
  });

  test('rejects an endpoint without enabled_events', async ({ stripe }) => {
    const err = await rejectionOf(stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/x' } as Stripe.WebhookEndpointCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe('enabled_events');
  });
});
