import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { startProvider } from '../../../sandbox/provider';

function sdkFor(provider: { url: string; secretKey: string }): Stripe {
  return new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(new URL(provider.url).port), protocol: 'http' });
}

test('a checkout session created with the SDK is paid on the hosted page and then refunded', async () => {
  const provider = await startProvider({ port: 0 });
  try {
    const stripe = sdkFor(provider);
    const product = await stripe.products.create({ name: 'Rehearsal T-shirt' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 2000, currency: 'usd', lookup_key: 'smoke_tshirt' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://127.0.0.1:9/success?session_id={CHECKOUT_SESSION_ID}',
      customer_email: 'buyer@example.com',
    });
    expect(session.url).toBe(`${provider.url}/c/pay/${session.id}`);

    const form = {
      email: 'buyer@example.com',
      cardNumber: '4242 4242 4242 4242',
      cardExpiry: '12 / 34',
      cardCvc: '123',
      billingName: 'Ada Buyer',
      billingCountry: 'US',
      billingPostalCode: '10001',
    };
    const response = await fetch(session.url!, { method: 'POST', redirect: 'manual', body: new URLSearchParams(form) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`http://127.0.0.1:9/success?session_id=${session.id}`);

    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid', amount_total: 2000 });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe('succeeded');

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    expect(refund).toMatchObject({ amount: 500, status: 'succeeded', charge: intent.latest_charge });
    const types = (await stripe.events.list({ limit: 100 })).data.map((event) => event.type).reverse();
    expect(types).toEqual([
      'product.created',
      'price.created',
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
      'refund.created',
      'charge.refunded',
    ]);
  } finally {
    await provider.close();
  }
});

test('delivers events signed so that stripe.webhooks.constructEvent accepts them', async () => {
  const provider = await startProvider({ port: 0 });
  const received: Stripe.Event[] = [];
  let secret = '';
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      try {
        received.push(Stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), secret));
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const stripe = sdkFor(provider);
    const { port } = receiver.address() as AddressInfo;
    const endpoint = await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/hook`, enabled_events: ['customer.created'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    secret = endpoint.secret!;
    const customer = await stripe.customers.create({ email: 'webhook@example.com' });

    await expect.poll(() => received.map((event) => event.type)).toEqual(['customer.created']);
    expect((received[0]!.data.object as Stripe.Customer).id).toBe(customer.id);
    await expect.poll(async () => (await stripe.events.retrieve(received[0]!.id)).pending_webhooks).toBe(0);
  } finally {
    await provider.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
