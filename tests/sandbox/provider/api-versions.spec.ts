import Stripe from 'stripe';
import { rejectionOf } from './support/fixtures';
import { customerCreatedEvent, expect, test, type ProviderLab } from './support/providerLab';

const OLD_VERSION = '2024-06-20';

/** The signing secret of the lab's endpoint at `url` (sandbox-only route, as the dashboard's "Reveal"). */
async function secretOf(lab: ProviderLab, url: string): Promise<string> {
  const endpoint = (await lab.stripe.webhookEndpoints.list({ limit: 100 })).data.find((candidate) => candidate.url === url)!;
  const response = await fetch(`${lab.provider.url}/_sandbox/webhook_endpoints/${endpoint.id}/secret`, {
    headers: { authorization: `Bearer ${lab.provider.secretKey}` },
  });
  return ((await response.json()) as { secret: string }).secret;
}

test.describe('API versions of events and webhook endpoints', () => {
  test('writes events in the SDK version; an endpoint created with an api_version receives them in that version', async ({ lab }) => {
    const pinnedReceiver = await lab.listen();
    const defaultReceiver = await lab.listen();
    const pinned = await lab.stripe.webhookEndpoints.create({
      url: pinnedReceiver.url,
      enabled_events: ['customer.created'],
      api_version: OLD_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    const unpinned = await lab.stripe.webhookEndpoints.create({ url: defaultReceiver.url, enabled_events: ['customer.created'] });
    expect([pinned.api_version, unpinned.api_version]).toEqual([OLD_VERSION, null]);
    expect((await lab.stripe.webhookEndpoints.retrieve(pinned.id)).api_version).toBe(OLD_VERSION);

    const event = await customerCreatedEvent(lab.stripe);
    expect(event.api_version).toBe(Stripe.API_VERSION);
    const toPinned = await pinnedReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id);
    const toDefault = await defaultReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id);
    expect(toPinned.event.api_version).toBe(OLD_VERSION);
    expect(toDefault.event.api_version, 'no api_version: the account default').toBe(Stripe.API_VERSION);
    // The stamped payload is what was signed.
    expect(lab.stripe.webhooks.constructEvent(toPinned.rawBody, toPinned.signature!, pinned.secret!).api_version).toBe(OLD_VERSION);
  });

  test('an endpoint created with an old api_version receives events in that shape; the events API keeps them as written', async ({
    lab,
  }) => {
    const oldReceiver = await lab.listen();
    const currentReceiver = await lab.listen();
    await lab.stripe.webhookEndpoints.create({
      url: oldReceiver.url,
      enabled_events: ['payment_intent.succeeded'],
      api_version: '2020-08-27' as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    await lab.stripe.webhookEndpoints.create({ url: currentReceiver.url, enabled_events: ['payment_intent.succeeded'] });
    const paid = await lab.stripe.paymentIntents.create({
      amount: 2500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });

    const toOld = await oldReceiver.waitFor(
      'payment_intent.succeeded',
      (delivery) => (delivery.event.data.object as { id?: string }).id === paid.id,
    );
    expect(toOld.event.api_version).toBe('2020-08-27');
    expect((toOld.event.data.object.charges as { data: { id: string }[] }).data.map((charge) => charge.id)).toEqual([paid.latest_charge]);
    expect(toOld.event.data.object).not.toHaveProperty('latest_charge');
    const toCurrent = await currentReceiver.waitFor('payment_intent.succeeded', (delivery) => delivery.event.id === toOld.event.id);
    expect(toCurrent.event.api_version).toBe(Stripe.API_VERSION);
    expect(toCurrent.event.data.object).not.toHaveProperty('charges');

    // The events API returns the event as written (the account default), to a client in any version.
    for (const client of [
      lab.stripe,
      new Stripe(lab.provider.secretKey, {
        host: '127.0.0.1',
        port: lab.provider.port,
        protocol: 'http',
        apiVersion: '2020-08-27' as Stripe.StripeConfig['apiVersion'],
      }),
    ]) {
      const stored = await client.events.retrieve(toOld.event.id);
      expect(stored.api_version).toBe(Stripe.API_VERSION);
      expect(stored.data.object).not.toHaveProperty('charges');
      expect((stored.data.object as Stripe.PaymentIntent).latest_charge).toBe(paid.latest_charge);
    }
    // What the old endpoint received is what was signed for it.
    expect(lab.stripe.webhooks.constructEvent(toOld.rawBody, toOld.signature!, await secretOf(lab, oldReceiver.url)).api_version).toBe(
      '2020-08-27',
    );
  });

  test('refuses an api_version that is not a version', async ({ lab }) => {
    const error = await rejectionOf(
      lab.stripe.webhookEndpoints.create({
        url: 'http://127.0.0.1:9/hooks',
        enabled_events: ['*'],
        api_version: 'latest' as Stripe.WebhookEndpointCreateParams.ApiVersion,
      }),
    );
    expect(error.param).toBe('api_version');
  });

  test(`with provider.legacy-api-version, events carry ${OLD_VERSION}, also to endpoints without an api_version`, async ({ lab }) => {
    const defaultReceiver = await lab.listen();
    const pinnedReceiver = await lab.listen();
    await lab.stripe.webhookEndpoints.create({ url: defaultReceiver.url, enabled_events: ['customer.created'] });
    await lab.stripe.webhookEndpoints.create({
      url: pinnedReceiver.url,
      enabled_events: ['customer.created'],
      api_version: Stripe.API_VERSION,
    });
    lab.faults.enable('provider.legacy-api-version');

    const event = await customerCreatedEvent(lab.stripe);
    expect(event.api_version).toBe(OLD_VERSION);
    expect((await lab.stripe.events.list({ limit: 20 })).data.every((listed) => listed.api_version === OLD_VERSION)).toBe(true);
    expect((await defaultReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id)).event.api_version).toBe(
      OLD_VERSION,
    );
    expect(
      (await pinnedReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id)).event.api_version,
      'a pinned endpoint keeps its version',
    ).toBe(Stripe.API_VERSION);
  });
});
