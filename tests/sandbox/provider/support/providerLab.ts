import { test as base } from '@playwright/test';
import type Stripe from 'stripe';
import { FaultSwitches } from '../../../../sandbox/faults';
import { startProvider } from '../../../../sandbox/provider';
import { sdkClient, TEST_WEBHOOK_RETRY, type RunningTestProvider } from './fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

export { expect } from '@playwright/test';

/** A provider of its own for one test, with fault switches the test may flip, and receivers closed afterwards. */
export interface ProviderLab {
  provider: RunningTestProvider;
  stripe: Stripe;
  faults: FaultSwitches;
  listen(): Promise<WebhookReceiver>;
}

export const test = base.extend<{ lab: ProviderLab }>({
  lab: async ({}, use) => {
    const faults = new FaultSwitches();
    const running = await startProvider({ port: 0, webhookRetry: TEST_WEBHOOK_RETRY, faults });
    const provider = {
      url: running.url,
      port: Number(new URL(running.url).port),
      secretKey: running.secretKey,
      publishableKey: running.publishableKey,
    };
    const receivers: WebhookReceiver[] = [];
    try {
      await use({
        provider,
        stripe: sdkClient(provider),
        faults,
        async listen() {
          const receiver = await startWebhookReceiver();
          receivers.push(receiver);
          return receiver;
        },
      });
    } finally {
      await running.close();
      for (const receiver of receivers) await receiver.close();
    }
  },
});

/** The one `customer.created` event of a customer made now (each lab's provider is fresh). */
export async function customerCreatedEvent(stripe: Stripe): Promise<Stripe.Event> {
  const customer = await stripe.customers.create({ email: 'api-version@example.test' });
  const events = await stripe.events.list({ type: 'customer.created', limit: 100 });
  const event = events.data.find((candidate) => (candidate.data.object as { id: string }).id === customer.id);
  if (!event) throw new Error(`No customer.created event for ${customer.id}.`);
  return event;
}
