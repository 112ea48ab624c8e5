import Stripe from 'stripe';
import { startSandbox } from '../../sandbox/index';
import { createProviderClient, providerAddress } from '../../src/run/provider/providerClient';
import { ReferralClient } from '../../src/run/referral/referralClient';
import { startWebhookSink, type WebhookSink } from '../../src/run/webhooks/webhookSink';

/** What stage D measures in: the demo sandbox, the harness's clients and sink, and a plain client for the sources. */
export interface ObservationWorld {
  /** The harness's provider client (budgeted, retrying), as the expectations use it. */
  provider: Stripe;
  /** The harness's referral client. */
  referral: ReferralClient;
  /** The harness's webhook sink, registered at the referral platform and at the provider for every event. */
  sink: WebhookSink;
  /**
   * A plain SDK client for the events' sources (the merchant's server, someone at the dashboard): not the
   * harness, so none of its budget or retries.
   */
  source: Stripe;
  providerAccess: { apiBase: string; secretKey: string };
  referralAccess: { apiBase: string; secretKey: string; publishableKey: string };
  merchantUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the demo sandbox in this process on free ports (as targets/demo connect() does, with no faults and no
 * injection), and the harness's sink registered where fixtures/webhookSinkFixture.ts registers it, and at the provider.
 */
export async function startObservationWorld(): Promise<ObservationWorld> {
  const sandbox = await startSandbox({ providerPort: 0, shopPort: 0, referralPort: 0, injection: null });
  const stops: (() => Promise<unknown>)[] = [() => sandbox.stop()];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const providerAccess = { apiBase: sandbox.provider.url, secretKey: sandbox.provider.secretKey };
    const referralAccess = {
      apiBase: sandbox.referral.url,
      secretKey: sandbox.referral.apiKey,
      publishableKey: sandbox.referral.publishableKey,
    };
    const provider = createProviderClient(providerAccess);
    const referral = new ReferralClient(referralAccess);
    const source = new Stripe(providerAccess.secretKey, {
      ...providerAddress(providerAccess.apiBase),
      telemetry: false,
      maxNetworkRetries: 0,
    });

    const sink = await startWebhookSink();
    stops.push(() => sink.close());
    const referralEndpoint = await referral.createWebhookEndpoint({ url: sink.url, enabled_events: ['*'], metadata: { purpose: 'bench' } });
    sink.trustStandardWebhooksSecret(referralEndpoint.secret);
    const providerEndpoint = await provider.webhookEndpoints.create({ url: sink.url, enabled_events: ['*'] });
    if (!providerEndpoint.secret) throw new Error('The sandbox provider returned no signing secret for the sink endpoint.');
    sink.trustStripeSecret(providerEndpoint.secret);

    return { provider, referral, sink, source, providerAccess, referralAccess, merchantUrl: sandbox.shop.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
