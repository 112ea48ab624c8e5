import type { AddressInfo } from 'node:net';
import type { FaultSwitches } from '../faults';
import { buildReferralApp } from './app';
import { createGuards } from './auth';
import { providerClient, registerProviderEndpoint } from './providerRegistration';
import { ReferralStore } from './store';
import { WebhookSender } from './webhooks/webhookSender';
import { assertLoopbackHost } from '../loopback';
import { SANDBOX_FAST_RETRY, type WebhookRetry } from '../webhookRetry';
import { WebhookReach } from '../webhookReach';

export type ReferralMode = 'test' | 'live';

export const DEFAULT_REFERRAL_KEYS: Record<ReferralMode, { apiKey: string; publishableKey: string }> = {
  test: { apiKey: 'sk_test_referral_sandbox_0000', publishableKey: 'pk_test_referral_sandbox_0000' },
  live: { apiKey: 'sk_live_referral_sandbox_0000', publishableKey: 'pk_live_referral_sandbox_0000' }, // sandbox-only, fake
};

/** The mode of a key (`sk_live_…`, `pk_test_…`), or undefined when it names none. */
function modeOfKey(key: string): ReferralMode | undefined {
  return /^(?:sk|rk|pk)_(test|live)_/.exec(key)?.[1] as ReferralMode | undefined;
}

export interface ReferralOptions {
  /**
   * Which default key pair to use (default: the mode of `apiKey`, else of `providerSecretKey`, else `test`); its own
   * keys of another mode are refused. Conversions carry the provider events' `livemode`.
   */
  mode?: ReferralMode;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  providerUrl: string;
  providerSecretKey: string;
  faults: FaultSwitches;
  apiKey?: string;
  publishableKey?: string;
  webhookRetry?: WebhookRetry;
  /**
   * Where outgoing webhooks may be delivered (default: every loopback endpoint). `startSandbox({ cloud })` passes one
   * that plays cloud: endpoints the internet could not reach fail as unreachable (sandbox/webhookReach.ts).
   */
  webhookReach?: WebhookReach;
}

export interface RunningReferral {
  url: string;
  mode: ReferralMode;
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
  const mode = options.mode ?? modeOfKey(options.apiKey ?? '') ?? modeOfKey(options.providerSecretKey) ?? 'test';
  const apiKey = options.apiKey ?? DEFAULT_REFERRAL_KEYS[mode].apiKey;
  const publishableKey = options.publishableKey ?? DEFAULT_REFERRAL_KEYS[mode].publishableKey;
  // One platform, one mode: its own key pair must agree (the provider's mode is the provider's business).
  for (const [name, key] of [
    ['apiKey', apiKey],
    ['publishableKey', publishableKey],
  ] as const) {
    const keyMode = modeOfKey(key);
    if (keyMode !== undefined && keyMode !== mode)
      throw new Error(`The referral sandbox runs in ${mode} mode but its ${name} is a ${keyMode} key.`);
  }
  const store = new ReferralStore();
  const sender = new WebhookSender(store, options.webhookRetry ?? SANDBOX_FAST_RETRY, options.webhookReach ?? WebhookReach.everywhere());
  const stripe = providerClient(options.providerUrl, options.providerSecretKey);
  let providerSecret: string | null = null;

  const app = await buildReferralApp(
    { store, sender, guards: createGuards({ apiKey, publishableKey }), faults: options.faults, livemode: mode === 'live' },
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
    throw new Error(
      `The referral sandbox could not register its webhook endpoint at the provider ${new URL(options.providerUrl).origin}: ${reason}`,
    );
  }
  return { url, mode, apiKey, publishableKey, close };
}
