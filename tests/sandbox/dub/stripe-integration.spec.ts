import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { expect } from '@playwright/test';
import { FaultSwitches, type FaultName } from '../../../sandbox/faults';
import { payHostedCheckout } from '../support/payHostedCheckout';
import { startWebhookReceiver } from '../referral/support/webhookReceiver';
import { clickId, dubGet, eventually, paidCheckout, startDubWorld, test } from './support/dubWorld';

// Dub's Stripe app as the emulation plays it (sandbox/dub/stripeApp/), driven through the sandbox provider.

interface Commission {
  id: string;
  amount: number;
  earnings: number;
  status: string;
  invoiceId: string | null;
  customer: { id: string } | null;
}

test.describe("Dub emulation: Dub's Stripe app", () => {
  test("subscribes to the provider's events as the Stripe app does", async ({ world }) => {
    const endpoints = await world.stripe.webhookEndpoints.list();
    expect(endpoints.data.map((e) => [e.url, [...e.enabled_events].sort()])).toEqual([
      [
        `${world.dub.url}/api/stripe/integration/webhook/test`,
        ['charge.refunded', 'checkout.session.completed', 'customer.created', 'customer.updated', 'invoice.paid'],
      ],
    ]);
  });

  test('a paid Checkout with client_reference_id dub_id_<click>: lead, sale, pending commission and signed webhooks', async ({ world }) => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await world.dub.registerMerchantEndpoint(receiver.url, ['lead.created', 'sale.created', 'commission.created']);
      expect(endpoint.secret).toMatch(/^whsec_[0-9A-Za-z]{16}$/);
      const click = await clickId(world.dub);
      const session = await paidCheckout(world, click);

      const commission = await eventually(async () => (await dubGet<Commission[]>(world.dub, '/commissions')).body[0]);
      expect(commission).toMatchObject({ amount: 2000, earnings: 400, status: 'pending', invoiceId: null });
      const sales = await dubGet<
        { clickId: string; metadata: { checkoutSession: { id: string } }; sale: { amount: number; invoiceId: string } }[]
      >(world.dub, '/events?event=sales');
      expect(sales.body).toEqual([
        expect.objectContaining({ clickId: click, sale: expect.objectContaining({ amount: 2000, invoiceId: '' }) as unknown }),
      ]);
      expect(sales.body[0]!.metadata.checkoutSession.id).toBe(session.id);

      const received = await eventually(() => (receiver.received.length >= 3 ? receiver.received : undefined));
      const events = received.map(
        (delivery) => JSON.parse(delivery.body) as { id: string; event: string; createdAt: string; data: { id?: string } },
      );
      expect(events.map((e) => e.event)).toEqual(['lead.created', 'sale.created', 'commission.created']);
      for (const [index, delivery] of received.entries()) {
        expect(events[index]!.id).toMatch(/^evt_[0-9A-Za-z]{25}$/);
        expect(delivery.headers['dub-signature']).toBe(createHmac('sha256', endpoint.secret).update(delivery.body).digest('hex'));
      }
      expect(events[2]!.data.id).toBe(commission.id);
    } finally {
      await receiver.close();
    }
  });

  test('a redelivered checkout.session.completed records one sale', async ({ world }) => {
    const click = await clickId(world.dub);
    await paidCheckout(world, click);
    await eventually(async () => (await dubGet<Commission[]>(world.dub, '/commissions')).body[0]);
    const [event] = (await world.stripe.events.list({ type: 'checkout.session.completed' })).data;
    const [endpoint] = (await world.stripe.webhookEndpoints.list()).data;
    const { secret } = (await (
      await fetch(`${world.provider.url}/_sandbox/webhook_endpoints/${endpoint!.id}/secret`, {
        headers: { authorization: `Bearer ${world.provider.secretKey}` },
      })
    ).json()) as { secret: string };
    const payload = JSON.stringify(event);
    const answer = await fetch(endpoint!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('already handled');
    expect((await dubGet<Commission[]>(world.dub, '/commissions')).body).toHaveLength(1);
  });

  test('charge.refunded: the commission becomes refunded (no webhook: Dub has no refund event)', async ({ world }) => {
    const receiver = await startWebhookReceiver();
    try {
      await world.dub.registerMerchantEndpoint(receiver.url, ['lead.created', 'sale.created', 'commission.created']);
      const session = await paidCheckout(world, await clickId(world.dub));
      const commission = await eventually(async () => (await dubGet<Commission[]>(world.dub, '/commissions')).body[0]);
      await world.stripe.refunds.create({ payment_intent: session.payment_intent as string, amount: 500 });
      // Any refund, partial too, refunds the whole commission (SRC charge-refunded.ts).
      const refunded = await eventually(async () => (await dubGet<Commission[]>(world.dub, '/commissions?status=refunded')).body[0]);
      expect(refunded).toMatchObject({ id: commission.id, earnings: 400, status: 'refunded' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.received.map((d) => (JSON.parse(d.body) as { event: string }).event)).toEqual([
        'lead.created',
        'sale.created',
        'commission.created',
      ]);
    } finally {
      await receiver.close();
    }
  });

  test("fault dub.refund-without-invoice-ignored: Dub's code skips a refund without an invoice", async () => {
    // The name is not in sandbox/faults.ts yet: a FaultSwitches that lists it (sandbox/dub/faults.ts reads it from list()).
    const faults = new FaultSwitches();
    faults.list = () => ['dub.refund-without-invoice-ignored' as FaultName];
    const world = await startDubWorld({ faults });
    try {
      const session = await paidCheckout(world, await clickId(world.dub));
      await eventually(async () => (await dubGet<Commission[]>(world.dub, '/commissions')).body[0]);
      await world.stripe.refunds.create({ payment_intent: session.payment_intent as string });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await dubGet<Commission[]>(world.dub, '/commissions')).body[0]!.status).toBe('pending');
    } finally {
      await world.stop();
    }
  });

  test('fault dub.stripe-app-not-installed: no subscription at the provider, no sale', async () => {
    const world = await startDubWorld({ faults: new FaultSwitches(['dub.stripe-app-not-installed']) });
    try {
      expect((await world.stripe.webhookEndpoints.list()).data).toEqual([]);
      await paidCheckout(world, await clickId(world.dub));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await dubGet<Commission[]>(world.dub, '/commissions')).body).toEqual([]);
    } finally {
      await world.stop();
    }
  });

  test('customer.created with metadata dubCustomerExternalId + dubClickId: a lead, then its Checkout is attributed', async ({ world }) => {
    const { dub, stripe } = world;
    const click = await clickId(dub);
    const customer = await stripe.customers.create({
      email: 'member@example.test',
      metadata: { dubCustomerExternalId: 'user_77', dubClickId: click },
    });
    const known = await eventually(
      async () => (await dubGet<{ externalId: string; stripeCustomerId: string }[]>(dub, '/customers?externalId=user_77')).body[0],
    );
    expect(known.stripeCustomerId).toBe(customer.id);
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Poster' } } }],
      success_url: 'http://127.0.0.1:4242/success',
    });
    expect((await payHostedCheckout(world.provider.url, session.id)).status).toBe(303);
    const commission = await eventually(async () => (await dubGet<Commission[]>(dub, '/commissions')).body[0]);
    expect(commission).toMatchObject({ amount: 2500, earnings: 500, status: 'pending' });
  });

  test('a customer tracked as a lead and a Checkout with metadata.dubCustomerExternalId: the sale is attributed', async ({ world }) => {
    const { dub, stripe } = world;
    const click = await clickId(dub);
    await fetch(`${dub.url}/track/lead`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dub.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clickId: click, eventName: 'Sign up', customerExternalId: 'user_42' }),
    });
    const customer = await stripe.customers.create({ email: 'buyer@example.test' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Mug' } } }],
      success_url: 'http://127.0.0.1:4242/success',
      metadata: { dubCustomerExternalId: 'user_42' },
    });
    expect((await payHostedCheckout(world.provider.url, session.id)).status).toBe(303);
    const commission = await eventually(async () => (await dubGet<Commission[]>(dub, '/commissions')).body[0]);
    expect(commission).toMatchObject({ amount: 1500, earnings: 300, status: 'pending' });
    const customers = await dubGet<{ externalId: string; stripeCustomerId: string }[]>(dub, '/customers?externalId=user_42');
    expect(customers.body[0]!.stripeCustomerId).toBe(customer.id);
  });
});
