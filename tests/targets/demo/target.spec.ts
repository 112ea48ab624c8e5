import Stripe from 'stripe';
import { test, expect } from '@playwright/test';
import { demoTarget } from '../../../targets/demo/target';

test.describe('the demo target', () => {
  test('declares the catalogue, the programme and the go-live facts of the demo shop', () => {
    const { catalogue, goLive } = demoTarget;
    expect(catalogue.product).toMatchObject({
      slug: 'tshirt',
      unitAmount: 2000,
      currency: 'usd',
      price: { lookupKey: 'demo_tshirt' },
      expectedCommission: 400,
    });
    expect(catalogue.zeroDecimalProduct).toMatchObject({
      slug: 'tenugui',
      name: 'Rehearsal Tenugui',
      unitAmount: 1500,
      currency: 'jpy',
      price: { lookupKey: 'demo_tenugui_jpy' },
      expectedCommission: 300,
    });
    expect(catalogue.plans).toEqual([
      expect.objectContaining({
        slug: 'club',
        unitAmount: 1500,
        interval: 'month',
        price: { lookupKey: 'demo_club_monthly' },
        expectedCommission: 300,
      }),
    ]);
    expect(catalogue.partner).toEqual({ key: 'alice', programId: 'prog_demo' });
    expect(goLive).toEqual({ apiVersion: Stripe.API_VERSION, customerPages: ['/', '/products/tshirt', '/products/tenugui', '/pricing'] });
  });

  test("connects to its sandbox with the shop's webhook and every endpoint it registered, as registered at the provider", async () => {
    const environment = await demoTarget.connect({ workerIndex: 0, env: {} });
    try {
      const { merchant, provider, requiredWebhookEndpoints } = environment;
      expect(merchant.webhook?.url).toBe(`${merchant.baseUrl}/webhooks/stripe`);
      expect(/^whsec_/.test(merchant.webhook?.signingSecret ?? ''), 'the signing secret is known').toBe(true);
      expect(requiredWebhookEndpoints.map((endpoint) => endpoint.name)).toEqual(['the demo shop', 'the referral platform']);
      expect(requiredWebhookEndpoints[1]?.events).toEqual(
        expect.arrayContaining(['checkout.session.completed', 'invoice.paid', 'charge.refunded', 'customer.subscription.deleted']),
      );

      const { port } = new URL(provider.apiBase);
      const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(port), protocol: 'http' });
      const registered = (await stripe.webhookEndpoints.list()).data;
      for (const required of requiredWebhookEndpoints) {
        const endpoint = registered.find((candidate) => candidate.url === required.url);
        expect(endpoint, `${required.name}'s endpoint is registered at ${required.url}`).toBeDefined();
        expect(endpoint!.api_version).toBe(demoTarget.goLive.apiVersion);
        expect(endpoint!.status).toBe('enabled');
        expect([...endpoint!.enabled_events].sort()).toEqual([...required.events].sort());
      }

      for (const [product, price] of [
        ['tshirt', '$20.00'],
        ['tenugui', '¥1,500'],
      ] as const) {
        const html = await (await fetch(`${merchant.baseUrl}/products/${product}`)).text();
        expect(html).toContain(`data-testid="product-price">${price}<`);
      }
    } finally {
      await environment.release();
    }
  });
});
