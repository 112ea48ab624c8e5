import Stripe from 'stripe';
import { rejectionOf } from './support/fixtures';
import { customerCreatedEvent, expect, test } from './support/providerLab';

const OLD_VERSION = '2024-06-20';

test.describe('API versions of events and webhook endpoints', () => {
  test('writes events in the SDK version; an endpoint created with an api_version receives them in that version', async ({ lab }) => {
    const pinnedReceiver = await lab.listen();
    const defaultReceiver = await lab.listen();
    const pinned = await lab.stripe.webhookEndpoints.create({ url: pinnedReceiver.url, enabled_events: ['customer.created'], api_version: OLD_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion });
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

  test('refuses an api_version that is not a version', async ({ lab }) => {
    const error = await rejectionOf(
      lab.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'], api_version: 'latest' as Stripe.WebhookEndpointCreateParams.ApiVersion }),
    );
    expect(error.param).toBe('api_version');
  });

  test(`with provider.legacy-api-version, events carry ${OLD_VERSION}, also to endpoints without an api_version`, async ({ lab }) => {
    const defaultReceiver = await lab.listen();
    const pinnedReceiver = await lab.listen();
    await lab.stripe.webhookEndpoints.create({ url: defaultReceiver.url, enabled_events: ['customer.created'] });
    await lab.stripe.webhookEndpoints.create({ url: pinnedReceiver.url, enabled_events: ['customer.created'], api_version: Stripe.API_VERSION });
    lab.faults.enable('provider.legacy-api-version');

    const event = await customerCreatedEvent(lab.stripe);
    expect(event.api_version).toBe(OLD_VERSION);
    expect((await lab.stripe.events.list({ limit: 20 })).data.every((listed) => listed.api_version === OLD_VERSION)).toBe(true);
    expect((await defaultReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id)).event.api_version).toBe(OLD_VERSION);
    expect((await pinnedReceiver.waitFor('customer.created', (delivery) => delivery.event.id === event.id)).event.api_version, 'a pinned endpoint keeps its version').toBe(Stripe.API_VERSION);
  });
});
