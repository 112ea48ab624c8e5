import type { AddressInfo } from 'node:net';
import type { FaultSwitches } from '../faults';
import { buildReferralApp } from './app';
import { createGuards } from './auth';
import { providerClient, registerProviderEndpoint } from './providerRegistration';
import { ReferralStore } from './store';
import { WebhookSender } from './webhooks/webhookSender';
import { assertLoopbackHost } from '../loopback';
import { SANDBOX_FAST_RETRY, type WebhookRetry } from '../webhookRetry';

export interface ReferralOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  providerUrl: string;
  providerSecretKey: string;
  faults: FaultSwitches;
  apiKey?: string;
  publishableKey?: string;
  webhookRetry?: WebhookRetry;
}

export interface RunningReferral {
  url: string;
  apiKey: string;
  publishableKey: string;
  /** Closes the server and cancels every pending webhook retry. */
  close(): Promise<void>;
}

export type { WebhookRetry as RetryPolicy } from '../webhookRetry';

/**
 * Starts the sandbox referral platform: listens, then registers its own webhook endpoint at the provider
 * (so the provider must already be running). See sandbox/referral/README.md for the API.
 */
export async function startReferral(options: ReferralOptions): Promise<RunningReferral> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('referral platform', host);
  const apiKey = options.apiKey ?? 'sk_test_referral_sandbox_0000';
  const publishableKey = options.publishableKey ?? 'pk_test_referral_sandbox_0000';
  const store = new ReferralStore();
  const sender = new WebhookSender(store, options.webhookRetry ?? SANDBOX_FAST_RETRY);
  const stripe = providerClient(options.providerUrl, options.providerSecretKey);
  let providerSecret: string | null = null;

  const app = await buildReferralApp(
    { store, sender, guards: createGuards({ apiKey, publishableKey }), faults: options.faults },
    { stripe, secret: () => providerSecret },
  );
  const close = async (): Promise<void> => {
    sender.close();
    await app.close();
  };

  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    providerSecret = (await registerProviderEndpoint(stripe, url)).secret;
  } catch (error) {
    await close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The referral sandbox could not register its webhook endpoint at the provider ${new URL(options.providerUrl).origin}: ${reason}`);
  }
  return { url, apiKey, publishableKey, close };
}
